package io.drstack.config;

import java.util.Locale;

/**
 * Every configuration setting: its key in {@code cdktf.json} {@code context}, the environment
 * variable that overrides it, its default and what it allows and does. The settings tables of
 * {@code help/configuration.md} are generated from these texts (Markdown, one table cell each), in
 * this order, one table per {@link Area}.
 */
public enum Setting {
  ENVIRONMENT_SUFFIX(
      Area.NAMING_AND_REGIONS,
      null,
      "ENVIRONMENT_SUFFIX",
      is("dev"),
      "1–25 lowercase letters, digits and inner hyphens (`dr-alb-<suffix>` must fit "
          + "the 32-character ALB name limit)",
      "carried by every resource name, the SSM parameter paths and the stack name "
          + "`TapStack<suffix>` (its directory under `cdktf.out/stacks/`)"),
  PRIMARY_REGION(
      Area.NAMING_AND_REGIONS,
      "primaryRegion",
      "DR_PRIMARY_REGION",
      is("us-east-1"),
      "a region of the `aws` partition that the required provider line (`~> 6.47.0`) "
          + "accepts: af-south-1, ap-east-1, ap-east-2, ap-northeast-1/2/3, ap-south-1/2, "
          + "ap-southeast-1 to 7, ca-central-1, ca-west-1, eu-central-1/2, eu-north-1, "
          + "eu-south-1/2, eu-west-1/2/3, il-central-1, me-central-1, me-south-1, "
          + "mx-central-1, sa-east-1, us-east-1/2, us-west-1/2",
      "the region that serves traffic; manages the table and Route 53"),
  SECONDARY_REGION(
      Area.NAMING_AND_REGIONS,
      "secondaryRegion",
      "DR_SECONDARY_REGION",
      is("us-east-2"),
      "as above, different from the primary",
      "the warm standby; holds the replica"),
  TAGS(
      Area.NAMING_AND_REGIONS,
      "tags",
      "DR_TAGS",
      computed("none beyond the fixed three"),
      "`cdktf.json`: a JSON object `{\"Owner\": \"team-a\"}`; env: "
          + "`Owner=team-a,CostCenter=42`; AWS's tag characters (letters, digits and spaces of "
          + "any script, `_ . : / = + - @`), keys 1–128 characters not starting with `aws:`, "
          + "values up to 256",
      "added to `Project=dr-stack`, `Environment=<suffix>`, `ManagedBy=cdktf` on every "
          + "resource (provider `default_tags`); the same key overrides a fixed tag. "
          + "`DR_TAGS` replaces the `cdktf.json` tags, it does not merge with them"),
  PRIMARY_VPC_CIDR(
      Area.NETWORK_AND_APPLICATION,
      "primaryVpcCidr",
      "DR_PRIMARY_VPC_CIDR",
      is("10.10.0.0/16"),
      "an IPv4 network block from /16 to /22, no bits set past the prefix (`10.10.0.0/16`, "
          + "not `10.10.1.0/16`)",
      "the primary VPC; subnets are the 1st, 2nd (public) and 9th, 10th (private) "
          + "sixteenths of it"),
  SECONDARY_VPC_CIDR(
      Area.NETWORK_AND_APPLICATION,
      "secondaryVpcCidr",
      "DR_SECONDARY_VPC_CIDR",
      is("10.20.0.0/16"),
      "as above, not overlapping the primary",
      "the secondary VPC (non-overlapping, so the two can be peered later)"),
  PRIMARY_ZONES(
      Area.NETWORK_AND_APPLICATION,
      "primaryZones",
      "DR_PRIMARY_ZONES",
      computed(
          "`<region>a,<region>b` (`ap-northeast-1a,ap-northeast-1c` in ap-northeast-1; "
              + "none in us-west-1, where it is required)"),
      "two different zones of the primary region, comma-separated, each by name "
          + "(`us-east-1a`) or by zone ID (`use1-az1`, the prefix being the region's)",
      "the availability zones of the primary's subnets. Fixed here, never read from "
          + "AWS at plan time: a zone that is impaired during an incident must not make the "
          + "next apply move subnets. A zone name means a different physical zone in each "
          + "account; a zone ID the same one everywhere. **Changing it replaces the subnets "
          + "and everything in them**: set it once. For a new stack prefer zone IDs, checked "
          + "for the instance type first (`aws ec2 describe-instance-type-offerings --region "
          + "<region> --location-type availability-zone-id --filters "
          + "Name=instance-type,Values=t3.micro`): in us-east-1 a zone name may map to "
          + "use1-az3, which offers few instance types"),
  SECONDARY_ZONES(
      Area.NETWORK_AND_APPLICATION,
      "secondaryZones",
      "DR_SECONDARY_ZONES",
      computed("as above, for the secondary region"),
      "as above",
      "the same for the secondary"),
  PRIMARY_MIN_CAPACITY(
      Area.NETWORK_AND_APPLICATION,
      "primaryMinCapacity",
      "DR_PRIMARY_MIN_CAPACITY",
      is("2"),
      "1–100",
      "Auto Scaling group minimum in the primary"),
  PRIMARY_DESIRED_CAPACITY(
      Area.NETWORK_AND_APPLICATION,
      "primaryDesiredCapacity",
      "DR_PRIMARY_DESIRED_CAPACITY",
      is("2"),
      "1–100, between min and max",
      "instances the primary starts with. **Used only when the group is created**: "
          + "afterwards the scaling policy and operators own the group's size, and no apply "
          + "resets it (it would undo a failover's scale-up). To change the size on purpose, "
          + "see [operations.md](operations.md#changing-capacity)"),
  PRIMARY_MAX_CAPACITY(
      Area.NETWORK_AND_APPLICATION,
      "primaryMaxCapacity",
      "DR_PRIMARY_MAX_CAPACITY",
      is("4"),
      "1–100, at least min",
      "upper bound of the CPU target-tracking policy (50 %) and of manual changes"),
  SECONDARY_MIN_CAPACITY(
      Area.NETWORK_AND_APPLICATION,
      "secondaryMinCapacity",
      "DR_SECONDARY_MIN_CAPACITY",
      is("1"),
      "0–100",
      "minimum in the secondary. 0 (with desired 0) makes it a pilot light: no "
          + "instance runs, so there is no CPU for the scaling policy to track and nothing "
          + "starts instances on failover; its health check fails until someone raises it, "
          + "and the computed RTO grows (see [objectives.md](objectives.md))"),
  SECONDARY_DESIRED_CAPACITY(
      Area.NETWORK_AND_APPLICATION,
      "secondaryDesiredCapacity",
      "DR_SECONDARY_DESIRED_CAPACITY",
      is("1"),
      "0–100, between min and max",
      "instances the warm standby starts with; like the primary's, used only at " + "creation"),
  SECONDARY_MAX_CAPACITY(
      Area.NETWORK_AND_APPLICATION,
      "secondaryMaxCapacity",
      "DR_SECONDARY_MAX_CAPACITY",
      is("4"),
      "1–100, at least min",
      "upper bound in the secondary"),
  PRIMARY_CERTIFICATE_ARN(
      Area.NETWORK_AND_APPLICATION,
      "primaryCertificateArn",
      "DR_PRIMARY_CERTIFICATE_ARN",
      none("none"),
      "`arn:aws:acm:<primary-region>:<account>:certificate/<uuid>`",
      "HTTPS listener on 443 and HTTP→HTTPS redirect on 80; the health check probes "
          + "HTTPS. Without it the ALB serves plain HTTP and synth warns"),
  SECONDARY_CERTIFICATE_ARN(
      Area.NETWORK_AND_APPLICATION,
      "secondaryCertificateArn",
      "DR_SECONDARY_CERTIFICATE_ARN",
      none("none"),
      "the same, in the secondary region (ACM certificates are regional)",
      "the same for the secondary ALB"),
  INSTANCE_TYPE(
      Area.NETWORK_AND_APPLICATION,
      "instanceType",
      "DR_INSTANCE_TYPE",
      is("t3.micro"),
      "an **x86_64** instance type name such as `t3.micro` (Graviton types are "
          + "refused: the AMI is the x86_64 Amazon Linux 2023 image)",
      "instance type in both regions"),
  PRIMARY_AMI_ID(
      Area.NETWORK_AND_APPLICATION,
      "primaryAmiId",
      "DR_PRIMARY_AMI_ID",
      none("none"),
      "`ami-` and 8 or 17 hexadecimal digits: an x86_64 AMI of the primary region",
      "the primary's AMI, pinned. **Unset**, the launch template takes the newest "
          + "Amazon Linux 2023 AMI when it is created and keeps it (`ignore_changes`): an "
          + "AMI that AWS publishes later never rolls instances by itself, let alone in both "
          + "regions in one apply. Setting it rolls that region's instances, launch before "
          + "terminate; [operations.md](operations.md#rolling-a-new-ami) has the procedure, "
          + "one region at a time, secondary first"),
  SECONDARY_AMI_ID(
      Area.NETWORK_AND_APPLICATION,
      "secondaryAmiId",
      "DR_SECONDARY_AMI_ID",
      none("none"),
      "as above, in the secondary region (AMI IDs are regional)",
      "the same for the secondary"),
  APP_PORT(
      Area.NETWORK_AND_APPLICATION,
      "appPort",
      "DR_APP_PORT",
      is("8080"),
      "1024–65535",
      "port the instances listen on, reachable only from the ALB; chosen at the first deploy: "
          + "AWS refuses a change, see [operations.md](operations.md#changing-the-app-port)"),
  ALB_DELETION_PROTECTION(
      Area.NETWORK_AND_APPLICATION,
      "albDeletionProtection",
      "DR_ALB_DELETION_PROTECTION",
      is("true"),
      "`true`, `false`",
      "deletion protection of both ALBs"),
  LOG_RETENTION_DAYS(
      Area.NETWORK_AND_APPLICATION,
      "logRetentionDays",
      "DR_LOG_RETENTION_DAYS",
      is("365"),
      "a period CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, "
          + "365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
      "retention of the log groups `/dr/<suffix>/app` and `/dr/<suffix>/vpc-flow-logs` "
          + "in each region"),
  TABLE_DELETION_PROTECTION(
      Area.TABLE,
      "tableDeletionProtection",
      "DR_TABLE_DELETION_PROTECTION",
      is("true"),
      "`true`, `false`",
      "deletion protection of the global table **and of its replica** (AWS refuses "
          + "`DeleteTable` in either region)"),
  PREVENT_DESTROY(
      Area.TABLE,
      "preventDestroy",
      "DR_PREVENT_DESTROY",
      is("true"),
      "`true`, `false`",
      "Terraform's `lifecycle.prevent_destroy` on the table and on every KMS key: a "
          + "plan that would destroy or replace one of them (a `cdktf destroy`, a setting "
          + "that forces replacement) fails before anything happens. Switch it off only to "
          + "tear the stack down on purpose ([operations.md](operations.md#teardown)). It "
          + "cannot guard the replica: a change of the replica's key or region is an "
          + "in-place update of the table to Terraform, although AWS rebuilds the replica "
          + "([troubleshooting.md](troubleshooting.md#the-plan-replaces-the-replica)); the "
          + "replica's deletion protection makes such a rebuild fail instead"),
  TABLE_TTL_ATTRIBUTE(
      Area.TABLE,
      "tableTtlAttribute",
      "DR_TABLE_TTL_ATTRIBUTE",
      computed("`expiresAt`; none with `tableConsistency` `strong`"),
      "1–255 letters, digits, `_`, `-`, `.`; empty turns TTL off; none with `tableConsistency` "
          + "`strong` (multi-Region strong consistency has no TTL)",
      "attribute holding the expiry time (epoch seconds)"),
  TABLE_CONSISTENCY(
      Area.TABLE,
      "tableConsistency",
      "DR_TABLE_CONSISTENCY",
      is("eventual"),
      "`eventual`, `strong`",
      "how the two copies agree. `eventual`: asynchronous replication, a failover can lose the "
          + "last writes (the computed RPO). `strong`: multi-Region strong consistency (MRSC), a "
          + "write is acknowledged once durable in two regions, so the computed RPO is 0; needs "
          + "a witness region, no TTL, and regions of one MRSC set "
          + "([objectives.md](objectives.md#rpo-zero-with-strong-consistency)). **Fixed when "
          + "the table is created**: a plan over a table of the other mode fails at a "
          + "precondition; see [operations.md](operations.md#changing-the-tables-consistency)"),
  WITNESS_REGION(
      Area.TABLE,
      "witnessRegion",
      "DR_WITNESS_REGION",
      none(
          "with `strong`: the one region of the MRSC set that neither region is (us-west-2 for "
              + "us-east-1 and us-east-2, ap-northeast-3 for ap-northeast-1 and ap-northeast-2);"
              + " none in the EU set, where it is required"),
      "with `strong` only: a region of the MRSC set both regions belong to (US: us-east-1, "
          + "us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, eu-central-1; AP: "
          + "ap-northeast-1/2/3), other than them",
      "the region of the table's witness: it holds the replicated writes (not readable, no "
          + "storage or write charge) so that either region and the witness make the majority "
          + "a write needs; nothing of the stack is deployed there"),
  HOSTED_ZONE_ID(
      Area.DNS_FAILOVER,
      "hostedZoneId",
      "DR_HOSTED_ZONE_ID",
      none("none (a zone is created)"),
      "`Z` followed by 1–31 uppercase letters and digits",
      "use this existing public hosted zone instead of creating one; then set "
          + "`recordName` to a name in it (not checked against the zone)"),
  ZONE_NAME(
      Area.DNS_FAILOVER,
      "zoneName",
      "DR_ZONE_NAME",
      computed("`dr-<suffix>.example.com`, a **placeholder**"),
      "a lowercase DNS name (a trailing dot is dropped)",
      "the zone created when no `hostedZoneId` is set. A created zone answers only "
          + "once its parent delegates to it. With a placeholder name (example.com, .net or "
          + ".org or a subdomain, which Route 53 refuses as reserved by AWS, or a name under "
          + "`.test`, `.invalid`, `.localhost` or `.example`) synth works and warns, but "
          + "every plan fails at a precondition before anything is created: set a domain you "
          + "control, or `hostedZoneId` and `recordName`"),
  RECORD_NAME(
      Area.DNS_FAILOVER,
      "recordName",
      "DR_RECORD_NAME",
      is("app.<zoneName>"),
      "a lowercase DNS name; inside the created zone (or its apex) when no "
          + "`hostedZoneId` is set",
      "the failover name users resolve"),
  HEALTH_CHECK_INTERVAL(
      Area.DNS_FAILOVER,
      "healthCheckIntervalSeconds",
      "DR_HEALTH_CHECK_INTERVAL_SECONDS",
      is("10"),
      "`10` or `30`",
      "Route 53 request interval for both health checks"),
  HEALTH_CHECK_FAILURE_THRESHOLD(
      Area.DNS_FAILOVER,
      "healthCheckFailureThreshold",
      "DR_HEALTH_CHECK_FAILURE_THRESHOLD",
      is("3"),
      "1–10",
      "consecutive failures before an endpoint is unhealthy (and successes before it "
          + "is healthy again)"),
  FAILOVER_SWITCH_REGION(
      Area.DNS_FAILOVER,
      "failoverSwitchRegion",
      "DR_FAILOVER_SWITCH_REGION",
      computed(
          "the secondary region; when that is `us-east-1`, `us-west-2` (`us-east-2` when the "
              + "primary is `us-west-2`)"),
      "a region name, neither `us-east-1` nor the primary region",
      "where the failover switch lives: the CloudWatch alarm `dr-failover-switch-<suffix>` that "
          + "the on-call sets with `aws cloudwatch put-metric-data` to force the primary out of "
          + "DNS and hold it out ([operations.md](operations.md#the-failover-switch)). Neither "
          + "us-east-1 (home of Route 53's and IAM's control planes) nor the primary, so that the "
          + "switch works while either is down; a region other than the secondary adds a third "
          + "provider for the alarm alone"),
  ALARM_EMAIL(
      Area.ALERTING_AND_OBJECTIVES,
      "alarmEmail",
      "DR_ALARM_EMAIL",
      none("none"),
      "an e-mail address in its plain form: ASCII letters, digits and `. _ + - '` before the "
          + "`@`, a DNS domain after it",
      "subscribed to every alarm topic (two, or three when neither region is "
          + "`us-east-1`); each subscription must be confirmed from its e-mail. Without it, "
          + "synth works and warns, but every plan fails at a precondition unless "
          + "`alarmSubscriberWaived` is `true`"),
  ALARM_SUBSCRIBER_WAIVED(
      Area.ALERTING_AND_OBJECTIVES,
      "alarmSubscriberWaived",
      "DR_ALARM_SUBSCRIBER_WAIVED",
      is("false"),
      "`true`, `false`",
      "`true` declares that something other than `alarmEmail` subscribes to the `dr-alarms` "
          + "topics (a paging system, subscribed outside this stack), or that nobody needs "
          + "paging (tests): only then does a stack without `alarmEmail` plan"),
  REPLICATION_LATENCY_THRESHOLD_MS(
      Area.ALERTING_AND_OBJECTIVES,
      "replicationLatencyThresholdMs",
      "DR_REPLICATION_LATENCY_THRESHOLD_MS",
      is("3000"),
      "100–600000",
      "the highest `ReplicationLatency` in a minute (its `Maximum`) that the "
          + "replication-latency alarms allow, `dr-replication-latency-<region>-<suffix>` in "
          + "each region for its own outgoing direction (beside them, "
          + "`dr-replication-stalled-<region>-<suffix>` reports a replication that stopped); "
          + "one term of the computed RPO"),
  CANARY(
      Area.ALERTING_AND_OBJECTIVES,
      "canary",
      "DR_CANARY",
      computed("`true`; `false` when `secondaryMinCapacity` is 0"),
      "`true`, `false`; `true` only with `secondaryMinCapacity` at least 1",
      "the data-tier canary on every instance: it writes its region's heartbeat to the region's "
          + "replica every `canaryIntervalSeconds`, reads the other region's, publishes the age of "
          + "the newest one it has seen as `PeerHeartbeatAge` and serves it on `/canary`; "
          + "`dr-canary-<region>-<suffix>` alarms above `canaryAlarmThresholdSeconds` "
          + "([objectives.md](objectives.md#the-canary-and-replicationlatency)). Adds a CloudWatch "
          + "(`monitoring`) interface endpoint in each region (≈ US$15 a month each at "
          + "`us-east-1` prices) and `PutMetricData` requests (≈ US$2.60 per instance and month "
          + "at 10 s). A pilot-light secondary (minimum 0) writes no heartbeats, hence the "
          + "default"),
  CANARY_INTERVAL_SECONDS(
      Area.ALERTING_AND_OBJECTIVES,
      "canaryIntervalSeconds",
      "DR_CANARY_INTERVAL_SECONDS",
      is("10"),
      "5–30 (every one-minute period of the alarm gets data)",
      "how often each instance's canary writes, reads and publishes"),
  CANARY_NAMESPACE(
      Area.ALERTING_AND_OBJECTIVES,
      "canaryNamespace",
      "DR_CANARY_NAMESPACE",
      is("DrStack/Canary"),
      "1–255 letters, digits, `.`, `-`, `_`, `/`, `#`, `:`, not starting with `AWS/`",
      "the CloudWatch namespace of `PeerHeartbeatAge` (dimensions `TableName` and `Region`); "
          + "the instances may publish to this namespace only"),
  CANARY_ALARM_THRESHOLD_SECONDS(
      Area.ALERTING_AND_OBJECTIVES,
      "canaryAlarmThresholdSeconds",
      "DR_CANARY_ALARM_THRESHOLD_SECONDS",
      is("120"),
      "15–3600, at least 3 × `canaryIntervalSeconds` (a healthy age reaches two intervals)",
      "the other region's heartbeat age above which `dr-canary-<region>-<suffix>` fires (the "
          + "`Maximum` of two consecutive minutes; a minute without data counts as above)"),
  TARGET_RTO_SECONDS(
      Area.ALERTING_AND_OBJECTIVES,
      "targetRtoSeconds",
      "DR_TARGET_RTO_SECONDS",
      is("360"),
      "1–86400",
      "declared recovery-time target; synth refuses settings whose computed worst-case "
          + "failover time exceeds it"),
  TARGET_RPO_SECONDS(
      Area.ALERTING_AND_OBJECTIVES,
      "targetRpoSeconds",
      "DR_TARGET_RPO_SECONDS",
      is("300"),
      "0–86400; 0 only with `tableConsistency` `strong`",
      "declared recovery-point target; synth refuses settings whose computed bound "
          + "(the longer of threshold + 120 s and the 240 s stall detection, "
          + "[objectives.md](objectives.md)) exceeds it. Asynchronous replication cannot "
          + "promise less than 240 s"),
  FAILOVER_DRILL(
      Area.REHEARSAL,
      "failoverDrill",
      "DR_FAILOVER_DRILL",
      is("true"),
      "`true`, `false`",
      "an AWS Fault Injection Service experiment template that stops the primary's instances "
          + "for `drillDurationMinutes`, stopped early by the stack's alarms, logged to an "
          + "encrypted log group ([operations.md](operations.md#rehearsing-a-real-failure)). A "
          + "template costs nothing until an experiment runs"),
  DRILL_DURATION_MINUTES(
      Area.REHEARSAL,
      "drillDurationMinutes",
      "DR_DRILL_DURATION_MINUTES",
      is("10"),
      "1–60",
      "the longest the drill keeps the primary's instances stopped before FIS starts them "
          + "again; Auto Scaling usually replaces them sooner, so the primary's real outage is "
          + "shorter ([operations.md](operations.md#rehearsing-a-real-failure))"),
  REGION_SWITCH_PLAN(
      Area.REHEARSAL,
      "regionSwitchPlan",
      "DR_REGION_SWITCH_PLAN",
      is("false"),
      "`true`, `false`",
      "an ARC Region switch plan, `dr-arc-<suffix>`, for controlled failover and failback: scale the target "
          + "region's group to the other's capacity, then move DNS, even while the primary "
          + "answers ([operations.md](operations.md#controlled-failover-with-the-region-switch-"
          + "plan)). **Priced per plan and month** (US$70 in AWS's price list at the time of "
          + "writing), so off by default"),
  REGION_SWITCH_APPROVAL(
      Area.REHEARSAL,
      "regionSwitchApproval",
      "DR_REGION_SWITCH_APPROVAL",
      is("false"),
      "`true`, `false`; `true` only with `regionSwitchPlan`",
      "a manual-approval step first in each of the plan's workflows, approved by assuming the "
          + "role `dr-region-switch-approver-<suffix>`"),
  REGION_SWITCH_TRIGGERS(
      Area.REHEARSAL,
      "regionSwitchTriggers",
      "DR_REGION_SWITCH_TRIGGERS",
      is("false"),
      "`true`, `false`; `true` only with `regionSwitchPlan`",
      "the plan starts failover by itself once the secondary has served the traffic for "
          + "`drillDurationMinutes` + 5 minutes in a row (its alarm "
          + "`dr-switch-trigger-<secondary>-<suffix>`, in the secondary): DNS has already failed "
          + "over by itself; the run adds the scale-up and holds DNS there until failback "
          + "([operations.md](operations.md#controlled-failover-with-the-region-switch-plan))"),
  STATE_BACKEND(
      Area.STATE_BACKEND,
      "stateBackend",
      "DR_STATE_BACKEND",
      is("local"),
      "`local`, `s3`",
      "where Terraform keeps the state"),
  LOCAL_STATE_PATH(
      Area.STATE_BACKEND,
      "localStatePath",
      "DR_LOCAL_STATE_PATH",
      is("state/terraform.TapStack<suffix>.tfstate"),
      "an absolute path, or a path relative to the project root without `..`",
      "`local` only. The JSON names it as Terraform opens it from the stack's "
          + "directory, `cdktf.out/stacks/TapStack<suffix>/` (so `../../../state/...`): "
          + "outside `cdktf.out`, which the CLI may delete from (below). `state/` is ignored "
          + "by Git"),
  STATE_BUCKET(
      Area.STATE_BACKEND,
      "stateBucket",
      "DR_STATE_BUCKET",
      none("none; required for `s3`"),
      "an existing bucket name (3–63 lowercase letters, digits, `.`, `-`)",
      "`s3` only: the state bucket"),
  STATE_KEY(
      Area.STATE_BACKEND,
      "stateKey",
      "DR_STATE_KEY",
      is("dr-stack/<suffix>/terraform.tfstate"),
      "an object key",
      "`s3` only: the state object"),
  STATE_REGION(
      Area.STATE_BACKEND,
      "stateRegion",
      "DR_STATE_REGION",
      computed(
          "a third region: the first of us-west-2, us-east-2, us-east-1, us-west-1 (in Europe"
              + " eu-west-1, eu-central-1, ...; Asia Pacific ap-southeast-2, ap-northeast-1, ...)"
              + " in the primary's geography that is neither the primary nor the secondary"),
      "a region name; required when the primary's geography has no third region",
      "`s3` only: the bucket's region. A bucket in either serving region cannot be read or "
          + "locked exactly when that region fails, and the procedures of "
          + "[operations.md](operations.md#while-the-primary-region-is-down) need it then. "
          + "Before this version the default was the secondary region: to keep a bucket there, "
          + "set it explicitly, or move the state ([operations.md](operations.md#upgrading))"),
  STATE_LOCK_TABLE(
      Area.STATE_BACKEND,
      "stateLockTable",
      "DR_STATE_LOCK_TABLE",
      none("none: Terraform's lock file next to the state (`use_lockfile`)"),
      "an existing DynamoDB table (3–255 letters, digits, `_`, `-`, `.`) with a string partition"
          + " key `LockID`",
      "`s3` only: a DynamoDB lock table as well as the lock file, for teams that still run "
          + "Terraform before 1.10 while they move to the lock file; Terraform 1.11 deprecates it. "
          + "The stack requires Terraform 1.10 or later with `s3`"),
  STATE_KMS_KEY_ID(
      Area.STATE_BACKEND,
      "stateKmsKeyId",
      "DR_STATE_KMS_KEY_ID",
      none("none"),
      "a KMS key ID, alias or ARN in the bucket's region (an ARN of another region than "
          + "`stateRegion` is refused)",
      "`s3` only: encrypt the state object with this key; without it the bucket's "
          + "default encryption applies. `encrypt` is always on"),
  EMULATOR_ENDPOINT(
      Area.TESTS_ONLY,
      "emulatorEndpoint",
      "DR_EMULATOR_ENDPOINT",
      none("none (real AWS)"),
      "an `http` URL on the loopback interface: `http://127.x.x.x:<port>`, "
          + "`http://localhost:<port>`, `http://[::1]:<port>`",
      "points the providers at a local AWS emulator instead of AWS; anything but "
          + "loopback is refused so that dummy credentials never leave the machine. See "
          + "[testing](../docs/maintainers/testing.md)");

  /** A subsection of the manual's settings, in the manual's order. */
  public enum Area {
    NAMING_AND_REGIONS("Naming and regions"),
    NETWORK_AND_APPLICATION("Network and application"),
    TABLE("Table"),
    DNS_FAILOVER("DNS failover"),
    ALERTING_AND_OBJECTIVES("Alerting and objectives"),
    REHEARSAL("Failover rehearsal and control"),
    STATE_BACKEND("State backend"),
    TESTS_ONLY("Tests only");

    private final String title;

    Area(String title) {
      this.title = title;
    }

    /** The subsection's heading. */
    public String title() {
      return title;
    }

    /** {@code state-backend}: names the subsection's generated part of the manual. */
    public String slug() {
      return title.toLowerCase(Locale.ROOT).replace(' ', '-');
    }
  }

  /**
   * A default as the code takes it and as the manual shows it.
   *
   * @param value the value the setting takes when it is not set; {@code null} when the code
   *     computes it from other settings (the manual then says how)
   * @param text the manual's table cell
   */
  private record Default(String value, String text) {}

  private static Default is(String value) {
    return new Default(value, "`" + value + "`");
  }

  /** An optional setting: unset (or empty) is no value at all. */
  private static Default none(String text) {
    return new Default("", text);
  }

  private static Default computed(String text) {
    return new Default(null, text);
  }

  private final Area area;
  private final String contextKey;
  private final String envVar;
  private final String defaultValue;
  private final String documentedDefault;
  private final String allowed;
  private final String effect;

  Setting(
      Area area,
      String contextKey,
      String envVar,
      Default defaultValue,
      String allowed,
      String effect) {
    this.area = area;
    this.contextKey = contextKey;
    this.envVar = envVar;
    this.defaultValue = defaultValue.value();
    this.documentedDefault = defaultValue.text();
    this.allowed = allowed;
    this.effect = effect;
  }

  public Area area() {
    return area;
  }

  /** Key in {@code cdktf.json} {@code context}, or {@code null} for environment-only settings. */
  public String contextKey() {
    return contextKey;
  }

  public String envVar() {
    return envVar;
  }

  /**
   * The value the setting takes when unset: {@code ""} for optional settings; {@code null} when it
   * is computed from other settings, which the area's rules then do.
   */
  public String defaultValue() {
    return defaultValue;
  }

  /** The default as the manual shows it. */
  public String documentedDefault() {
    return documentedDefault;
  }

  /** What the setting allows, as the manual says it. */
  public String allowed() {
    return allowed;
  }

  /** What the setting does, as the manual says it. */
  public String effect() {
    return effect;
  }

  /** How an error message names the setting, so the user knows both places to fix it. */
  public String label() {
    return contextKey == null
        ? envVar
        : contextKey + " (cdktf.json context \"" + contextKey + "\" or env " + envVar + ")";
  }
}
