"""Helpers of the emulator tier (.ci/tools/emulator-tier.sh); see docs/maintainers/testing.md.

  emulator_checks.py targets CDK_TF_JSON GLOB...  prints a -target option for every resource
      except those matching a GLOB ("<type>.<logical name>") and every resource that depends on
      them, directly or not; lists the excluded ones on stderr
  emulator_checks.py applied ENDPOINT SUFFIX PRIMARY SECONDARY  asserts against the emulator what
      the apply must have produced: the SSM hand-offs hold the real KMS key ARNs and load balancer
      DNS names and zone ids, and the secondary health check probes the secondary load balancer
  emulator_checks.py drift PLAN_JSON  judges the second plan (`terraform show -json`): it may only
      change what moto is known to read back differently from AWS (EMULATOR_READ_BACK_GAPS)
  emulator_checks.py empty ENDPOINT SUFFIX REGION...  asserts that the stack left nothing behind
  emulator_checks.py upgrade PLAN_JSON  judges the plan of the current code over the state of the
      release users run (.ci/upgrade-base): nothing may be destroyed or replaced but what
      UPGRADE_REPLACEMENTS lists, and never a table, key, load balancer or zone
  emulator_checks.py move PLAN_JSON  judges the plan of a change of strategy or front door over
      the deployed stack: it may destroy only what MOVE_DESTROYS lists, replace nothing, and never
      touch a table, key, load balancer or zone
  emulator_checks.py capacity ENDPOINT REGION GROUP MIN  asserts an Auto Scaling group's minimum
  emulator_checks.py refresh ENDPOINT GROUP REGION...  asserts that each region's group last
      started an instance refresh that keeps full capacity (launch before terminate)
  emulator_checks.py strong PLAN_JSON WITNESS  asserts that a plan of the strong mode creates one
      table whose replica is STRONG with that witness, and no replication alarm
  emulator_checks.py region-switch PLAN_JSON PRIMARY SECONDARY  asserts that a plan with the Region
      switch plan creates it active/passive over both regions, its calculated check and roles
  emulator_checks.py switch-holds ENDPOINT REGION ALARM  asserts what keeps the primary in while
      the failover switch's region is down, as applied: its alarm ignores missing data, and its
      Route 53 check keeps its last status without data and is a child of a calculated check
      that needs all its children healthy
  emulator_checks.py table ENDPOINT REGION NAME create|delete  makes or removes a plain table,
      as a table of the other consistency mode left in the region would be
"""

import fnmatch
import json
import re
import sys

# An address anywhere in an expression, e.g. "${element(data.aws_availability_zones.x.names, 0)}".
ADDRESS = re.compile(r"(?<![\w.-])((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)")


def blocks_of(stack, kind, prefix):
    for rtype, blocks in stack.get(kind, {}).items():
        for name, body in blocks.items():
            yield f"{prefix}{rtype}.{name}", body


def targets(stack_file, globs):
    with open(stack_file, encoding="utf-8") as f:
        stack = json.load(f)
    blocks = dict(blocks_of(stack, "resource", ""))
    excluded = {a for a in blocks if any(fnmatch.fnmatchcase(a, g) for g in globs)}
    unmatched = [g for g in globs if not any(fnmatch.fnmatchcase(a, g) for a in blocks)]
    if unmatched:
        sys.exit(f"exclusions that match no resource (stale?): {unmatched}")
    # Data sources count too: one that reads an excluded resource excludes whatever reads it.
    everything = {**blocks, **dict(blocks_of(stack, "data", "data."))}
    uses = {
        address: set(ADDRESS.findall(json.dumps(body))) & everything.keys()
        for address, body in everything.items()
    }
    changed = True
    while changed:
        changed = False
        for address, used in uses.items():
            if address not in excluded and used & excluded:
                excluded.add(address)
                changed = True
    for address in sorted(a for a in excluded if a in blocks):
        print(f"excluded: {address}", file=sys.stderr)
    for address in sorted(a for a in blocks if a not in excluded):
        print(f"-target={address}")


# Attributes that moto reads back differently from what it was given, so that a plan right after
# apply wants to set them again although nothing changed. Only these may differ; anything else in
# the second plan is drift and fails the tier. docs/maintainers/testing.md lists them.
EMULATOR_READ_BACK_GAPS = {
    # DescribeSecurityGroupRules: no description on rules that reference a security group or a
    # prefix list, and the referenced group id prefixed with the account id.
    "aws_vpc_security_group_ingress_rule": {"description", "referenced_security_group_id"},
    "aws_vpc_security_group_egress_rule": {"description", "referenced_security_group_id"},
    # The launch template's own tags (TagSpecifications of type launch-template) come back as tag
    # specifications of its instances, so the provider plans a new version ...
    "aws_launch_template": {"tag_specifications", "default_version", "latest_version"},
    # ... which the Auto Scaling group then follows.
    "aws_autoscaling_group": {"launch_template"},
    # DescribePolicies: no Enabled flag (read as false) and an empty predictive configuration.
    "aws_autoscaling_policy": {"enabled", "predictive_scaling_configuration"},
}


def normalized(value):
    """The value as Terraform compares it: null, "" and empty blocks or lists are all absent."""
    if isinstance(value, dict):
        value = {k: normalized(v) for k, v in value.items()}
        value = {k: v for k, v in value.items() if v is not None}
    elif isinstance(value, list):
        value = [v for v in (normalized(v) for v in value) if v is not None]
    return None if value in ("", [], {}) else value


def has_unknown(value):
    if isinstance(value, dict):
        return any(has_unknown(v) for v in value.values())
    if isinstance(value, list):
        return any(has_unknown(v) for v in value)
    return value is True


def drift(plan_file):
    with open(plan_file, encoding="utf-8") as f:
        plan = json.load(f)
    problems = []
    tolerated = 0
    for change in plan.get("resource_changes", []):
        actions = change["change"]["actions"]
        if actions in (["no-op"], ["read"]):
            continue
        address = change["address"]
        if actions != ["update"]:
            problems.append(f"{address}: {'/'.join(actions)}")
            continue
        before = change["change"]["before"] or {}
        after = change["change"]["after"] or {}
        unknown = change["change"].get("after_unknown") or {}
        changed = {
            k
            for k in before.keys() | after.keys()
            if normalized(before.get(k)) != normalized(after.get(k)) or has_unknown(unknown.get(k))
        }
        allowed = EMULATOR_READ_BACK_GAPS.get(change["type"], set())
        if changed - allowed:
            problems.append(f"{address}: {sorted(changed - allowed)}")
        else:
            tolerated += 1
            print(f"known emulator read-back gap: {address}: {sorted(changed)}")
    if problems:
        sys.exit("drift after apply:\n  " + "\n  ".join(problems))
    print(f"no drift ({tolerated} update(s) explained by known emulator read-back gaps)")


# What an upgrade from .ci/upgrade-base may replace, by resource type, each with its reason; the
# same list is in help/operations.md ("Upgrading"). Empty: this upgrade replaces nothing.
UPGRADE_REPLACEMENTS = {}

# Never replaced or destroyed by an upgrade, whatever the list above says: the data, its keys, the
# address users resolve and the endpoint behind it.
NEVER_REPLACED = {"aws_dynamodb_table", "aws_kms_key", "aws_route53_zone", "aws_lb"}


def judge(plan_file, label, reason, verdict):
    """Fails on every destruction or replacement in the plan for which reason(change) is None;
    prints the others with their reason, every other change, and the plan's counts."""
    with open(plan_file, encoding="utf-8") as f:
        plan = json.load(f)
    problems = []
    counts = {}
    for change in plan.get("resource_changes", []):
        actions = change["change"]["actions"]
        kind = "/".join(actions)
        counts[kind] = counts.get(kind, 0) + 1
        if "delete" not in actions:
            if actions not in (["no-op"], ["read"]):
                print(f"{kind}: {change['address']}")
            continue
        why = None if change["type"] in NEVER_REPLACED else reason(change)
        if why is None:
            reasons = change.get("action_reason", "")
            problems.append(f"{change['address']}: {kind} {reasons}".strip())
        else:
            print(f"{kind} (documented: {why}): {change['address']}")
    print(f"{label} plan: " + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    if problems:
        sys.exit(f"the {label} would destroy or replace:\n  " + "\n  ".join(problems))
    print(verdict)


def upgrade(plan_file):
    judge(
        plan_file,
        "upgrade",
        lambda change: UPGRADE_REPLACEMENTS.get(change["type"]),
        "the upgrade destroys and replaces nothing it must not",
    )


# What a change of strategy or front door destroys by design, by address, each with its reason;
# help/operations.md ("Upgrading", "Changing the strategy or the front door") says the same.
MOVE_DESTROYS = {
    "aws_route53_record.dns-failover_*-latency-record_*": "the latency set of activeActive behind"
    " DNS, once the PRIMARY record no longer aliases it",
    "aws_globalaccelerator_*": "the accelerator's resources, when the front door goes back to dns",
    "aws_ssm_parameter.accelerator_*": "the hand-off of the secondary load balancer's ARN to the"
    " accelerator",
    "aws_cloudwatch_metric_alarm.primary-alarms_traffic-shift_*": "the primary's traffic-shift"
    " alarm, which only activeActive has (traffic arriving at the primary means something only"
    " when both regions serve)",
}


def move(plan_file):
    def reason(change):
        if change["change"]["actions"] != ["delete"]:
            return None  # a move replaces nothing
        globs = [g for g in MOVE_DESTROYS if fnmatch.fnmatchcase(change["address"], g)]
        return MOVE_DESTROYS[globs[0]] if globs else None

    judge(
        plan_file,
        "move",
        reason,
        "the move replaces nothing and destroys only what it documents",
    )


def capacity(endpoint, region, group, minimum):
    client = clients(endpoint, region)("autoscaling")
    groups = client.describe_auto_scaling_groups(AutoScalingGroupNames=[group])
    actual = groups["AutoScalingGroups"][0]["MinSize"]
    if actual != int(minimum):
        sys.exit(f"{group} in {region}: min size {actual}, expected {minimum}")
    print(f"ok: {group} in {region} has min size {actual}")


def refresh(endpoint, group, regions):
    failures = []
    for region in regions:
        client = clients(endpoint, region)("autoscaling")
        refreshes = client.describe_instance_refreshes(AutoScalingGroupName=group)
        latest = (refreshes["InstanceRefreshes"] or [{}])[0].get("Preferences", {})
        found = (latest.get("MinHealthyPercentage"), latest.get("MaxHealthyPercentage"))
        print(f"{group} in {region}: last refresh min/max healthy {found}")
        if found != (100, 200):
            failures.append(region)
    if failures:
        sys.exit(f"no launch-before-terminate refresh (100/200) in {failures}")


def clients(endpoint, region):
    import boto3  # only in the tier's virtualenv

    session = boto3.session.Session(
        aws_access_key_id="test", aws_secret_access_key="test", region_name=region
    )
    return lambda service: session.client(service, endpoint_url=endpoint)


def ssm_value(client, suffix, kind, region):
    name = f"/dr/{suffix}/{kind}/{region}"
    return client("ssm").get_parameter(Name=name)["Parameter"]["Value"]


def applied(endpoint, suffix, primary, secondary):
    failures = []

    def expect(what, actual, wanted):
        status = "ok" if actual == wanted and wanted else "MISMATCH"
        print(f"{status}: {what}: {actual!r} (expected {wanted!r})")
        if status != "ok":
            failures.append(what)

    for region in (primary, secondary):
        client = clients(endpoint, region)
        alias = next(
            a
            for a in client("kms").list_aliases()["Aliases"]
            if a["AliasName"] == f"alias/dr-stack-{suffix}"
        )
        key_arn = client("kms").describe_key(KeyId=alias["TargetKeyId"])["KeyMetadata"]["Arn"]
        expect(
            f"SSM kms-key-arn in {region}",
            ssm_value(client, suffix, "kms-key-arn", region),
            key_arn,
        )
        lb = client("elbv2").describe_load_balancers(Names=[f"dr-alb-{suffix}"])["LoadBalancers"][0]
        expect(
            f"SSM alb-dns in {region}",
            ssm_value(client, suffix, "alb-dns", region),
            lb["DNSName"],
        )
        expect(
            f"SSM alb-zone-id in {region}",
            ssm_value(client, suffix, "alb-zone-id", region),
            lb["CanonicalHostedZoneId"],
        )
        if region == secondary:
            secondary_dns = lb["DNSName"]

    route53 = clients(endpoint, primary)("route53")
    checks = {}
    for check in route53.list_health_checks()["HealthChecks"]:
        tags = route53.list_tags_for_resource(ResourceType="healthcheck", ResourceId=check["Id"])
        for tag in tags["ResourceTagSet"]["Tags"]:
            if tag["Key"] == "Name":
                checks[tag["Value"]] = check["HealthCheckConfig"]
    secondary_check = checks.get(f"dr-secondary-{suffix}", {})
    expect(
        "secondary health check FQDN",
        secondary_check.get("FullyQualifiedDomainName"),
        secondary_dns,
    )
    if failures:
        sys.exit(f"{len(failures)} emulator assertion(s) failed: {failures}")


def empty(endpoint, suffix, regions):
    """Lists whatever of the stack's own still exists in the emulator."""
    left = []
    prefix = f"/dr/{suffix}/"
    for region in regions:
        client = clients(endpoint, region)
        left += [
            p["Name"]
            for p in client("ssm").describe_parameters()["Parameters"]
            if p["Name"].startswith(prefix)
        ]
        left += [
            v["VpcId"] for v in client("ec2").describe_vpcs()["Vpcs"] if not v.get("IsDefault")
        ]
        left += [
            lb["LoadBalancerName"]
            for lb in client("elbv2").describe_load_balancers()["LoadBalancers"]
        ]
        left += [
            g["AutoScalingGroupName"]
            for g in client("autoscaling").describe_auto_scaling_groups()["AutoScalingGroups"]
        ]
        left += client("dynamodb").list_tables()["TableNames"]
        left += [t["TopicArn"] for t in client("sns").list_topics()["Topics"]]
        left += [
            g["logGroupName"]
            for g in client("logs").describe_log_groups()["logGroups"]
            if g["logGroupName"].startswith(prefix)
        ]
        left += [a["AlarmName"] for a in client("cloudwatch").describe_alarms()["MetricAlarms"]]
        for key in client("kms").list_keys()["Keys"]:
            state = client("kms").describe_key(KeyId=key["KeyId"])["KeyMetadata"]["KeyState"]
            if state != "PendingDeletion":
                left.append(f"KMS key {key['KeyId']} ({state})")
    client = clients(endpoint, regions[0])
    left += [
        r["RoleName"] for r in client("iam").list_roles()["Roles"] if r["RoleName"].startswith("dr-")
    ]
    left += [z["Name"] for z in client("route53").list_hosted_zones()["HostedZones"]]
    left += [c["Id"] for c in client("route53").list_health_checks()["HealthChecks"]]
    if left:
        sys.exit(f"left behind in the emulator: {left}")
    print("nothing of the stack is left in the emulator")


def strong(plan_file, witness):
    with open(plan_file, encoding="utf-8") as f:
        plan = json.load(f)
    changes = plan.get("resource_changes", [])
    tables = [c for c in changes if c["type"] == "aws_dynamodb_table"]
    if len(tables) != 1 or tables[0]["change"]["actions"] != ["create"]:
        sys.exit(f"expected one table to create, got {[(c['address'], c['change']['actions']) for c in tables]}")
    after = tables[0]["change"]["after"]
    modes = [r.get("consistency_mode") for r in after.get("replica", [])]
    witnesses = [w.get("region_name") for w in after.get("global_table_witness", [])]
    if modes != ["STRONG"] or witnesses != [witness]:
        sys.exit(f"expected one STRONG replica and the witness {witness}: {modes}, {witnesses}")
    latency = [
        c["address"]
        for c in changes
        if c["type"] == "aws_cloudwatch_metric_alarm" and "replication" in c["address"]
    ]
    if latency:
        sys.exit(f"replication alarms planned for a strongly consistent table: {latency}")
    print(f"strong mode plans {after['name']}: replica STRONG, witness {witness}, no replication alarm")


def region_switch(plan_file, primary, secondary):
    with open(plan_file, encoding="utf-8") as f:
        plan = json.load(f)
    changes = {c["address"]: c for c in plan.get("resource_changes", [])}
    plans = [c for c in changes.values() if c["type"] == "aws_arcregionswitch_plan"]
    if len(plans) != 1 or plans[0]["change"]["actions"] != ["create"]:
        sys.exit(f"expected one Region switch plan to create: {[c['address'] for c in plans]}")
    after = plans[0]["change"]["after"]
    if after["recovery_approach"] != "activePassive" or after["regions"] != [primary, secondary]:
        sys.exit(f"not active/passive over {primary}, {secondary}: {after}")
    targets = [w["workflow_target_region"] for w in after["workflow"]]
    if targets != [secondary, primary]:
        sys.exit(f"expected workflows to {secondary} and {primary}: {targets}")
    calculated = [
        c for c in changes.values()
        if c["type"] == "aws_route53_health_check" and (c["change"]["after"] or {}).get("type") == "CALCULATED"
    ]
    # One per record: every input of the region, ARC's check among the primary's.
    if len(calculated) != 2:
        sys.exit(f"expected a calculated health check per record: {[c['address'] for c in calculated]}")
    print(f"the plan {after['name']} creates, with its workflows to {', '.join(targets)} and the calculated check")


def switch_holds(endpoint, region, alarm_name):
    """Route 53 cannot evaluate in moto: the settings that make an unreadable switch region keep
    the check's last status (healthy for a switch never pulled), read back from the emulator."""
    failures = []
    alarm = clients(endpoint, region)("cloudwatch").describe_alarms(AlarmNames=[alarm_name])
    alarm = (alarm["MetricAlarms"] or [{}])[0]
    if alarm.get("TreatMissingData") != "ignore":
        failures.append(f"{alarm_name} in {region} treats missing data as {alarm.get('TreatMissingData')}")
    route53 = clients(endpoint, "us-east-1")("route53")
    checks = route53.list_health_checks()["HealthChecks"]
    switch = [c for c in checks if c["HealthCheckConfig"].get("AlarmIdentifier")
              == {"Region": region, "Name": alarm_name}]
    if len(switch) != 1:
        sys.exit(f"{len(switch)} health checks follow {alarm_name} in {region}")
    config = switch[0]["HealthCheckConfig"]
    if config.get("Type") != "CLOUDWATCH_METRIC" or config.get("InsufficientDataHealthStatus") != "LastKnownStatus":
        failures.append(f"the switch's check: {config}")
    parents = [c["HealthCheckConfig"] for c in checks
               if switch[0]["Id"] in (c["HealthCheckConfig"].get("ChildHealthChecks") or [])]
    if len(parents) != 1 or parents[0].get("HealthThreshold") != len(parents[0]["ChildHealthChecks"]):
        failures.append(f"the switch's check is not one child of a calculated check that needs all: {parents}")
    if failures:
        sys.exit("the switch's region failing would move the primary:\n  " + "\n  ".join(failures))
    print(f"ok: {alarm_name} ignores missing data; its check ({switch[0]['Id']}) keeps its last"
          f" status without data and is one of {len(parents[0]['ChildHealthChecks'])} children the"
          " primary's calculated check needs healthy")


def table(endpoint, region, name, action):
    client = clients(endpoint, region)("dynamodb")
    if action == "create":
        client.create_table(
            TableName=name,
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        )
    else:
        client.delete_table(TableName=name)


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "targets":
        targets(args[0], args[1:])
    elif command == "applied":
        applied(*args)
    elif command == "drift":
        drift(args[0])
    elif command == "empty":
        empty(args[0], args[1], args[2:])
    elif command == "upgrade":
        upgrade(args[0])
    elif command == "move":
        move(args[0])
    elif command == "capacity":
        capacity(*args)
    elif command == "refresh":
        refresh(args[0], args[1], args[2:])
    elif command == "strong":
        strong(*args)
    elif command == "region-switch":
        region_switch(*args)
    elif command == "switch-holds":
        switch_holds(*args)
    elif command == "table":
        table(*args)
    else:
        sys.exit(__doc__)
