package io.drstack.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One configuration setting, declared once: its key in {@code cdktf.json} {@code context}, the
 * environment variable that overrides it (the key in upper snake case after {@code DR_}), its type,
 * its typed default, the checks a value must pass and what it does. The manual's settings tables
 * ({@code help/configuration.md}, one per {@link Area}, in the order declared here), the "allowed"
 * text and the refusals all come from the declaration. Rules that join several settings live with
 * the type the area reads into ({@code Capacity.read}, {@code DnsSettings.read}, ...).
 *
 * @param <T> the type the setting is read as
 */
public final class Setting<T> {

  /** A subsection of the manual's settings, in the manual's order. */
  public enum Area {
    NAMING_AND_REGIONS("Naming and regions"),
    STRATEGY_AND_FRONT_DOOR("Strategy and front door"),
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

  /** Every setting, in the order declared (the manual's order). */
  private static final List<Setting<?>> ALL = new ArrayList<>();

  /** Every setting, in the manual's order. */
  public static List<Setting<?>> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The largest size of an Auto Scaling group. */
  private static final int MOST_INSTANCES = 100;

  /** The longest recovery target, a day. */
  private static final int LONGEST_TARGET_SECONDS = 86_400;

  private static final Pattern ENVIRONMENT_SUFFIX_TEXT =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern INSTANCE_TYPE_NAME = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");

  /** Graviton families (a1, t4g, m6gd, c7gn, ...): the stack's AMI is x86_64. */
  private static final Pattern ARM_INSTANCE_TYPE =
      Pattern.compile("(a1|[a-z]+\\d+[a-z]*g[a-z]*)\\..*");

  /** An ACM certificate ARN; its region is the first group. */
  static final Pattern CERTIFICATE_ARN =
      Pattern.compile("arn:aws:acm:([a-z0-9-]+):\\d{12}:certificate/[0-9a-f-]{36}");

  private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
  private static final Pattern HOSTED_ZONE_ID_TEXT = Pattern.compile("Z[A-Z0-9]{1,31}");
  private static final Pattern ACCOUNT_ID_TEXT = Pattern.compile("[0-9]{12}");
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?=.{1,"
              + DnsSettings.LONGEST_NAME
              + "}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

  /**
   * An address SNS can deliver to, in its plainest form: a local part of ASCII letters, digits and
   * {@code . _ + - '} (no leading, trailing or double dot; no quoted form) and a domain of DNS
   * labels ending in a top-level domain of letters (no address literal); 254 characters at most.
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?=.{6,254}$)(?=[^@]{1,64}@)[A-Za-z0-9_+'-]+(\\.[A-Za-z0-9_+'-]+)*"
              + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  /** A namespace CloudWatch accepts for custom metrics; {@code AWS/} is reserved for AWS's own. */
  private static final Pattern NAMESPACE = Pattern.compile("(?!AWS/)[A-Za-z0-9.\\-_/#:]{1,255}");

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  private static final Pattern LOOPBACK_URL =
      Pattern.compile(
          "http://(127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}"
              + "|localhost|\\[::1\\]):(\\d{1,5})");

  // Naming and regions

  public static final Setting<String> ENVIRONMENT_SUFFIX =
      environmentText(Area.NAMING_AND_REGIONS, "ENVIRONMENT_SUFFIX")
          .valid(
              suffix ->
                  suffix.length() <= Names.MAX_SUFFIX_LENGTH
                      && ENVIRONMENT_SUFFIX_TEXT.matcher(suffix).matches(),
              "1 to "
                  + Names.MAX_SUFFIX_LENGTH
                  + " lowercase letters, digits and inner hyphens, so that every resource name"
                  + " (ALB and target group names are at most 32 characters) stays valid")
          .allowed(
              "1–"
                  + Names.MAX_SUFFIX_LENGTH
                  + " lowercase letters, digits and inner hyphens (`dr-alb-<suffix>` must fit the"
                  + " 32-character ALB name limit)")
          .byDefault("dev")
          .does(
              "carried by every resource name, the SSM parameter paths and the stack name "
                  + "`TapStack<suffix>` (its directory under `cdktf.out/stacks/`)");

  public static final Setting<String> PRIMARY_REGION =
      region(Area.NAMING_AND_REGIONS, "primaryRegion")
          .allowed(
              "a region of the `aws` partition that the required provider line (`~> 6.47.0`) "
                  + "accepts: af-south-1, ap-east-1, ap-east-2, ap-northeast-1/2/3, ap-south-1/2, "
                  + "ap-southeast-1 to 7, ca-central-1, ca-west-1, eu-central-1/2, eu-north-1, "
                  + "eu-south-1/2, eu-west-1/2/3, il-central-1, me-central-1, me-south-1, "
                  + "mx-central-1, sa-east-1, us-east-1/2, us-west-1/2")
          .byDefault("us-east-1")
          .does("the region that serves traffic; manages the table and Route 53");

  public static final Setting<String> SECONDARY_REGION =
      region(Area.NAMING_AND_REGIONS, "secondaryRegion")
          .allowed("as above, different from the primary")
          .byDefault("us-east-2")
          .does("the warm standby; holds the replica");

  public static final Setting<String> EXPECTED_ACCOUNT_ID =
      text(Area.NAMING_AND_REGIONS, "expectedAccountId")
          .matching(ACCOUNT_ID_TEXT, "an AWS account id of 12 digits")
          .allowed("12 digits")
          .optional("none (any account)")
          .does(
              "the only account the stack may be planned or applied in: every provider's "
                  + "`allowed_account_ids`, so Terraform stops before any change when the "
                  + "credentials are another account's, and `cdktf diff`, `deploy` and `destroy` "
                  + "say so in one line first "
                  + "([the preflight](troubleshooting.md#the-preflight-of-diff-and-deploy))");

  /** Parsed by {@link TagRules}: an object in {@code cdktf.json}, a list in the environment. */
  public static final Setting<String> TAGS =
      text(Area.NAMING_AND_REGIONS, "tags")
          .allowed(
              "`cdktf.json`: a JSON object `{\"Owner\": \"team-a\"}`; env: "
                  + "`Owner=team-a,CostCenter=42`; AWS's tag characters (letters, digits and spaces"
                  + " of any script, `_ . : / = + - @`), keys 1–128 characters not starting with "
                  + "`aws:`, values up to 256")
          .computed("none beyond the fixed three")
          .does(
              "added to `Project=dr-stack`, `Environment=<suffix>`, `ManagedBy=cdktf` on every "
                  + "resource (provider `default_tags`); the same key overrides a fixed tag. "
                  + "`DR_TAGS` replaces the `cdktf.json` tags, it does not merge with them");

  // Strategy and front door

  /** Joined with the capacities and the canary by {@link TrafficSettings}. */
  public static final Setting<Strategy> STRATEGY =
      choice(Area.STRATEGY_AND_FRONT_DOOR, "strategy", Strategy.values(), Strategy::value)
          .byDefault(Strategy.WARM_STANDBY)
          .does(
              "`warmStandby`: the primary serves and the secondary, scaled down, takes the "
                  + "traffic when the primary fails. `activeActive`: both regions serve all the "
                  + "time (the nearest healthy one answers each client), each sized for the whole "
                  + "load (`primaryMaxCapacity` and `secondaryMaxCapacity` at least both desired "
                  + "capacities together, `secondaryMinCapacity` at least 1); a failed region is "
                  + "taken out of service. Both write to the table in both regions: what the "
                  + "application must tolerate is in [architecture.md](architecture.md#writes-in-"
                  + "both-regions). Moving between them replaces no table, key, load balancer or "
                  + "zone ([operations.md](operations.md#changing-the-strategy-or-the-front-door))");

  public static final Setting<FrontDoor> FRONT_DOOR =
      choice(Area.STRATEGY_AND_FRONT_DOOR, "frontDoor", FrontDoor.values(), FrontDoor::value)
          .byDefault(FrontDoor.DNS)
          .does(
              "`dns`: users resolve Route 53 records that point at the load balancers, and follow "
                  + "a failover once the 60 s TTL ends. `accelerator`: AWS Global Accelerator "
                  + "before both load balancers (an endpoint group per region, client IP "
                  + "preservation), which moves traffic within its own health checks with no "
                  + "client cache to wait for: the computed RTO drops below a minute "
                  + "([objectives.md](objectives.md)). Needs `canary` true (the targets' health "
                  + "is the canary's readiness); costs about 18 USD a month plus its data "
                  + "transfer ([cost.md](cost.md))");

  // Network and application

  public static final Setting<String> PRIMARY_VPC_CIDR =
      vpcCidr("primaryVpcCidr", "10.10.0.0/16")
          .allowed(
              "an IPv4 network block from /16 to /22, no bits set past the prefix (`10.10.0.0/16`,"
                  + " not `10.10.1.0/16`)")
          .byDefault("10.10.0.0/16")
          .does(
              "the primary VPC; subnets are the 1st, 2nd (public) and 9th, 10th (private) "
                  + "sixteenths of it");

  public static final Setting<String> SECONDARY_VPC_CIDR =
      vpcCidr("secondaryVpcCidr", "10.20.0.0/16")
          .allowed("as above, not overlapping the primary")
          .byDefault("10.20.0.0/16")
          .does("the secondary VPC (non-overlapping, so the two can be peered later)");

  /** Checked by {@link RegionSettings}, against the region. */
  public static final Setting<String> PRIMARY_ZONES =
      text(Area.NETWORK_AND_APPLICATION, "primaryZones")
          .allowed(
              "two different zones of the primary region, comma-separated, each by name "
                  + "(`us-east-1a`) or by zone ID (`use1-az1`, the prefix being the region's)")
          .computed(
              "`<region>a,<region>b` (`ap-northeast-1a,ap-northeast-1c` in ap-northeast-1; "
                  + "none in us-west-1, where it is required)")
          .does(
              "the availability zones of the primary's subnets. Fixed here, never read from "
                  + "AWS at plan time: a zone that is impaired during an incident must not make the "
                  + "next apply move subnets. A zone name means a different physical zone in each "
                  + "account; a zone ID the same one everywhere. **Changing it replaces the "
                  + "subnets and everything in them**: set it once. For a new stack prefer zone "
                  + "IDs, checked for the instance type first (`aws ec2 "
                  + "describe-instance-type-offerings --region <region> --location-type "
                  + "availability-zone-id --filters Name=instance-type,Values=t3.micro`): in "
                  + "us-east-1 a zone name may map to use1-az3, which offers few instance types");

  public static final Setting<String> SECONDARY_ZONES =
      text(Area.NETWORK_AND_APPLICATION, "secondaryZones")
          .allowed("as above")
          .computed("as above, for the secondary region")
          .does("the same for the secondary");

  /** Serves traffic, so it always runs an instance. */
  public static final Setting<Integer> PRIMARY_MIN_CAPACITY =
      integer(Area.NETWORK_AND_APPLICATION, "primaryMinCapacity")
          .range(1, MOST_INSTANCES)
          .byDefault(2)
          .does("Auto Scaling group minimum in the primary");

  public static final Setting<Integer> PRIMARY_DESIRED_CAPACITY =
      integer(Area.NETWORK_AND_APPLICATION, "primaryDesiredCapacity")
          .range(1, MOST_INSTANCES)
          .note(", between min and max")
          .byDefault(2)
          .does(
              "instances the primary starts with. **Used only when the group is created**: "
                  + "afterwards the scaling policy and operators own the group's size, and no "
                  + "apply resets it (it would undo a failover's scale-up). To change the size on "
                  + "purpose, see [operations.md](operations.md#changing-capacity)");

  public static final Setting<Integer> PRIMARY_MAX_CAPACITY =
      integer(Area.NETWORK_AND_APPLICATION, "primaryMaxCapacity")
          .range(1, MOST_INSTANCES)
          .note(", at least min")
          .byDefault(4)
          .does("upper bound of the CPU target-tracking policy (50 %) and of manual changes");

  /** The standby may run none (a pilot light), at the cost of a longer failover. */
  public static final Setting<Integer> SECONDARY_MIN_CAPACITY =
      integer(Area.NETWORK_AND_APPLICATION, "secondaryMinCapacity")
          .range(0, MOST_INSTANCES)
          .byDefault(1)
          .does(
              "minimum in the secondary. 0 (with desired 0) makes it a pilot light: no "
                  + "instance runs, so there is no CPU for the scaling policy to track and nothing "
                  + "starts instances on failover; its health check fails until someone raises "
                  + "it, and the computed RTO grows (see [objectives.md](objectives.md))");

  public static final Setting<Integer> SECONDARY_DESIRED_CAPACITY =
      integer(Area.NETWORK_AND_APPLICATION, "secondaryDesiredCapacity")
          .range(0, MOST_INSTANCES)
          .note(", between min and max")
          .byDefault(1)
          .does(
              "instances the warm standby starts with; like the primary's, used only at creation");

  public static final Setting<Integer> SECONDARY_MAX_CAPACITY =
      integer(Area.NETWORK_AND_APPLICATION, "secondaryMaxCapacity")
          .range(1, MOST_INSTANCES)
          .note(", at least min")
          .byDefault(4)
          .does("upper bound in the secondary");

  /** Its region is checked by {@link RegionSettings}. */
  public static final Setting<String> PRIMARY_CERTIFICATE_ARN =
      certificateArn("primaryCertificateArn")
          .allowed("`arn:aws:acm:<primary-region>:<account>:certificate/<uuid>`")
          .optional("none")
          .does(
              "HTTPS listener on 443 and HTTP→HTTPS redirect on 80; the health check probes "
                  + "HTTPS. Without it the ALB serves plain HTTP and synth warns");

  public static final Setting<String> SECONDARY_CERTIFICATE_ARN =
      certificateArn("secondaryCertificateArn")
          .allowed("the same, in the secondary region (ACM certificates are regional)")
          .optional("none")
          .does("the same for the secondary ALB");

  public static final Setting<String> INSTANCE_TYPE =
      text(Area.NETWORK_AND_APPLICATION, "instanceType")
          .matching(INSTANCE_TYPE_NAME, "an EC2 instance type such as t3.micro")
          .valid(
              type -> !ARM_INSTANCE_TYPE.matcher(type).matches(),
              "an x86_64 instance type such as t3.micro (the instances boot the x86_64 Amazon"
                  + " Linux 2023 AMI, so Graviton types cannot launch it)")
          .allowed(
              "an **x86_64** instance type name such as `t3.micro` (Graviton types are "
                  + "refused: the AMI is the x86_64 Amazon Linux 2023 image)")
          .byDefault("t3.micro")
          .does("instance type in both regions");

  public static final Setting<String> PRIMARY_AMI_ID =
      amiId("primaryAmiId")
          .allowed("`ami-` and 8 or 17 hexadecimal digits: an x86_64 AMI of the primary region")
          .optional("none")
          .does(
              "the primary's AMI, pinned. **Unset**, the launch template takes the newest "
                  + "Amazon Linux 2023 AMI when it is created and keeps it (`ignore_changes`): an "
                  + "AMI that AWS publishes later never rolls instances by itself, let alone in "
                  + "both regions in one apply. Setting it rolls that region's instances, launch "
                  + "before terminate; [operations.md](operations.md#rolling-a-new-ami) has the "
                  + "procedure, one region at a time, secondary first");

  public static final Setting<String> SECONDARY_AMI_ID =
      amiId("secondaryAmiId")
          .allowed("as above, in the secondary region (AMI IDs are regional)")
          .optional("none")
          .does("the same for the secondary");

  public static final Setting<Integer> APP_PORT =
      integer(Area.NETWORK_AND_APPLICATION, "appPort")
          .range(1024, 65_535)
          .byDefault(8080)
          .does(
              "port the instances listen on, reachable only from the ALB; chosen at the first "
                  + "deploy: AWS refuses a change, see "
                  + "[operations.md](operations.md#changing-the-app-port)");

  public static final Setting<Boolean> ALB_DELETION_PROTECTION =
      flag(Area.NETWORK_AND_APPLICATION, "albDeletionProtection")
          .byDefault(true)
          .does("deletion protection of both ALBs");

  public static final Setting<Integer> LOG_RETENTION_DAYS =
      integer(Area.NETWORK_AND_APPLICATION, "logRetentionDays")
          .oneOf(
              "the periods CloudWatch Logs accepts",
              1,
              3,
              5,
              7,
              14,
              30,
              60,
              90,
              120,
              150,
              180,
              365,
              400,
              545,
              731,
              1096,
              1827,
              2192,
              2557,
              2922,
              3288,
              3653)
          .byDefault(365)
          .does(
              "retention of the log groups `/dr/<suffix>/app` and `/dr/<suffix>/vpc-flow-logs` "
                  + "in each region");

  // Table

  public static final Setting<Boolean> TABLE_DELETION_PROTECTION =
      flag(Area.TABLE, "tableDeletionProtection")
          .byDefault(true)
          .does(
              "deletion protection of the global table **and of its replica** (AWS refuses "
                  + "`DeleteTable` in either region)");

  public static final Setting<Boolean> PREVENT_DESTROY =
      flag(Area.TABLE, "preventDestroy")
          .byDefault(true)
          .does(
              "Terraform's `lifecycle.prevent_destroy` on the table and on every KMS key: a "
                  + "plan that would destroy or replace one of them (a `cdktf destroy`, a setting "
                  + "that forces replacement) fails before anything happens. Switch it off only "
                  + "to tear the stack down on purpose ([operations.md](operations.md#teardown)). "
                  + "It cannot guard the replica: a change of the replica's key or region is an "
                  + "in-place update of the table to Terraform, although AWS rebuilds the replica "
                  + "([troubleshooting.md](troubleshooting.md#the-plan-replaces-the-replica)); the"
                  + " replica's deletion protection makes such a rebuild fail instead");

  /** Its default follows {@link #TABLE_CONSISTENCY}: see {@link TableSettings}. */
  public static final Setting<String> TABLE_TTL_ATTRIBUTE =
      text(Area.TABLE, "tableTtlAttribute")
          .matching(
              ATTRIBUTE_NAME,
              "a DynamoDB attribute name of 1-255 letters, digits, '_', '-' or '.',"
                  + " or empty to turn TTL off")
          .allowed(
              "1–255 letters, digits, `_`, `-`, `.`; empty turns TTL off; none with "
                  + "`tableConsistency` `strong` (multi-Region strong consistency has no TTL)")
          .computed(
              "`"
                  + TableSettings.DEFAULT_TTL_ATTRIBUTE
                  + "`; none with `tableConsistency` `strong`")
          .does("attribute holding the expiry time (epoch seconds)");

  public static final Setting<TableConsistency> TABLE_CONSISTENCY =
      choice(Area.TABLE, "tableConsistency", TableConsistency.values(), TableConsistency::value)
          .byDefault(TableConsistency.EVENTUAL)
          .does(
              "how the two copies agree. `eventual`: asynchronous replication, a failover can lose"
                  + " the last writes (the computed RPO). `strong`: multi-Region strong consistency"
                  + " (MRSC), a write is acknowledged once durable in two regions, so the computed"
                  + " RPO is 0; needs a witness region, no TTL, and regions of one MRSC set "
                  + "([objectives.md](objectives.md#rpo-zero-with-strong-consistency)). **Fixed "
                  + "when the table is created**: a plan over a table of the other mode fails at a "
                  + "precondition; see "
                  + "[operations.md](operations.md#changing-the-tables-consistency)");

  /** Checked by {@link TableSettings} against the regions' MRSC set. */
  public static final Setting<String> WITNESS_REGION =
      text(Area.TABLE, "witnessRegion")
          .allowed(
              "with `strong` only: a region of the MRSC set both regions belong to (US: "
                  + "us-east-1, us-east-2, us-west-2; EU: eu-west-1, eu-west-2, eu-west-3, "
                  + "eu-central-1; AP: ap-northeast-1/2/3), other than them")
          .optional(
              "with `strong`: the one region of the MRSC set that neither region is (us-west-2 "
                  + "for us-east-1 and us-east-2, ap-northeast-3 for ap-northeast-1 and "
                  + "ap-northeast-2); none in the EU set, where it is required")
          .does(
              "the region of the table's witness: it holds the replicated writes (not readable, "
                  + "no storage or write charge) so that either region and the witness make the "
                  + "majority a write needs; nothing of the stack is deployed there");

  // DNS failover

  public static final Setting<String> HOSTED_ZONE_ID =
      text(Area.DNS_FAILOVER, "hostedZoneId")
          .matching(
              HOSTED_ZONE_ID_TEXT,
              "a Route 53 hosted zone id (Z followed by up to 31 uppercase letters and"
                  + " digits, e.g. Z0123456789ABCDEFGHIJ), or empty to create a zone")
          .allowed("`Z` followed by 1–31 uppercase letters and digits")
          .optional("none (a zone is created)")
          .does(
              "use this existing public hosted zone instead of creating one; then set "
                  + "`recordName` to a name in it (not checked against the zone)");

  public static final Setting<String> ZONE_NAME =
      dnsName("zoneName")
          .allowed("a lowercase DNS name (a trailing dot is dropped)")
          .computed("`dr-<suffix>.example.com`, a **placeholder**")
          .does(
              "the zone created when no `hostedZoneId` is set. A created zone answers only "
                  + "once its parent delegates to it. With a placeholder name (example.com, .net "
                  + "or .org or a subdomain, which Route 53 refuses as reserved by AWS, or a name "
                  + "under `.test`, `.invalid`, `.localhost` or `.example`) synth works and warns,"
                  + " but every plan fails at a precondition before anything is created: set a "
                  + "domain you control, or `hostedZoneId` and `recordName`");

  public static final Setting<String> RECORD_NAME =
      dnsName("recordName")
          .allowed(
              "a lowercase DNS name; inside the created zone (or its apex) when no "
                  + "`hostedZoneId` is set; at most "
                  + DnsSettings.LONGEST_NAME_WITH_LATENCY_SET
                  + " characters with `strategy` `activeActive` "
                  + "and `frontDoor` `dns`")
          .computed("`app.<zoneName>`")
          .does(
              "the failover name users resolve. With `strategy` `activeActive` and `frontDoor` "
                  + "`dns` the stack also creates `active.<recordName>` in the same zone: the "
                  + "latency records of both regions, which the name's PRIMARY record aliases");

  public static final Setting<Integer> HEALTH_CHECK_INTERVAL =
      integer(Area.DNS_FAILOVER, "healthCheckIntervalSeconds")
          .oneOf("the intervals Route 53 offers", 10, 30)
          .byDefault(10)
          .does("Route 53 request interval for both health checks");

  public static final Setting<Integer> HEALTH_CHECK_FAILURE_THRESHOLD =
      integer(Area.DNS_FAILOVER, "healthCheckFailureThreshold")
          .range(1, 10)
          .byDefault(3)
          .does(
              "consecutive failures before an endpoint is unhealthy (and successes before it "
                  + "is healthy again)");

  /** Kept out of the primary and of us-east-1 by {@link DnsSettings}. */
  public static final Setting<String> FAILOVER_SWITCH_REGION =
      region(Area.DNS_FAILOVER, "failoverSwitchRegion")
          .allowed("a region name, neither `us-east-1` nor the primary region")
          .computed(
              "the secondary region; when that is `us-east-1`, `us-west-2` (`us-east-2` when the "
                  + "primary is `us-west-2`)")
          .does(
              "where the failover switch lives: the CloudWatch alarm "
                  + "`dr-failover-switch-<suffix>` that the on-call sets with `aws cloudwatch "
                  + "put-metric-data` to force the primary out of DNS and hold it out "
                  + "([operations.md](operations.md#the-failover-switch)). Neither us-east-1 (home"
                  + " of Route 53's and IAM's control planes) nor the primary, so that the switch "
                  + "works while either is down; a region other than the secondary adds a third "
                  + "provider for the alarm alone");

  // Alerting and objectives

  public static final Setting<String> ALARM_EMAIL =
      text(Area.ALERTING_AND_OBJECTIVES, "alarmEmail")
          .matching(
              EMAIL,
              "an e-mail address such as oncall@example.com (ASCII letters, digits and . _ + - '"
                  + " before the @, a DNS domain after it), or empty for none")
          .allowed(
              "an e-mail address in its plain form: ASCII letters, digits and `. _ + - '` before "
                  + "the `@`, a DNS domain after it")
          .optional("none")
          .does(
              "subscribed to every alarm topic (two, or three when neither region is "
                  + "`us-east-1`); each subscription must be confirmed from its e-mail. Without "
                  + "it, synth works and warns, but every plan fails at a precondition unless "
                  + "`alarmSubscriberWaived` is `true`");

  public static final Setting<Boolean> ALARM_SUBSCRIBER_WAIVED =
      flag(Area.ALERTING_AND_OBJECTIVES, "alarmSubscriberWaived")
          .byDefault(false)
          .does(
              "`true` declares that something other than `alarmEmail` subscribes to the "
                  + "`dr-alarms` topics (a paging system, subscribed outside this stack), or that "
                  + "nobody needs paging (tests): only then does a stack without `alarmEmail` "
                  + "plan");

  public static final Setting<Integer> REPLICATION_LATENCY_THRESHOLD_MS =
      integer(Area.ALERTING_AND_OBJECTIVES, "replicationLatencyThresholdMs")
          .range(RecoveryObjectives.MIN_REPLICATION_THRESHOLD_MS, 600_000)
          .byDefault(3000)
          .does(
              "the highest `ReplicationLatency` in a minute (its `Maximum`) that the "
                  + "replication-latency alarms allow, `dr-replication-latency-<region>-<suffix>` "
                  + "in each region for its own outgoing direction (beside them, "
                  + "`dr-replication-stalled-<region>-<suffix>` reports a replication that "
                  + "stopped); one term of the computed RPO");

  /** Its default, and whether it may be on, follow {@link #SECONDARY_MIN_CAPACITY}. */
  public static final Setting<Boolean> CANARY =
      flag(Area.ALERTING_AND_OBJECTIVES, "canary")
          .note("; `true` only with `secondaryMinCapacity` at least 1")
          .computed("`true`; `false` when `secondaryMinCapacity` is 0")
          .does(
              "the data-tier canary on every instance: it writes its region's heartbeat to the "
                  + "region's replica every `canaryIntervalSeconds`, reads the other region's, "
                  + "publishes the age of the newest one it has seen as `PeerHeartbeatAge` and "
                  + "serves it on `/canary`; `dr-canary-<region>-<suffix>` alarms above "
                  + "`canaryAlarmThresholdSeconds` "
                  + "([objectives.md](objectives.md#the-canary-and-replicationlatency)). Adds a "
                  + "CloudWatch (`monitoring`) interface endpoint in each region (≈ US$15 a month "
                  + "each at `us-east-1` prices) and `PutMetricData` requests (≈ US$2.60 per "
                  + "instance and month at 10 s). A pilot-light secondary (minimum 0) writes no "
                  + "heartbeats, hence the default");

  public static final Setting<Integer> CANARY_INTERVAL_SECONDS =
      integer(Area.ALERTING_AND_OBJECTIVES, "canaryIntervalSeconds")
          .range(CanarySettings.FASTEST_INTERVAL_SECONDS, 30)
          .note(" (every one-minute period of the alarm gets data)")
          .computed("`10`; `5` with `frontDoor` `accelerator`")
          .does(
              "how often each instance's canary writes, reads and publishes. Behind the"
                  + " accelerator it is also how soon a failing table takes its region out (the"
                  + " canary keeps the targets' readiness), so the default there is the fastest,"
                  + " which brings the computed RTO under a minute "
                  + "([objectives.md](objectives.md)); each interval is a write, two reads and a"
                  + " metric per instance");

  public static final Setting<String> CANARY_NAMESPACE =
      text(Area.ALERTING_AND_OBJECTIVES, "canaryNamespace")
          .matching(
              NAMESPACE,
              "a CloudWatch namespace: 1-255 letters, digits and . - _ / # :, not starting with"
                  + " AWS/ (reserved for AWS)")
          .allowed("1–255 letters, digits, `.`, `-`, `_`, `/`, `#`, `:`, not starting with `AWS/`")
          .byDefault("DrStack/Canary")
          .does(
              "the CloudWatch namespace of `PeerHeartbeatAge` (dimensions `TableName` and "
                  + "`Region`); the instances may publish to this namespace only");

  public static final Setting<Integer> CANARY_ALARM_THRESHOLD_SECONDS =
      integer(Area.ALERTING_AND_OBJECTIVES, "canaryAlarmThresholdSeconds")
          .range(15, 3600)
          .note(
              ", at least "
                  + CanarySettings.THRESHOLD_INTERVALS
                  + " × `canaryIntervalSeconds` (a healthy age reaches two intervals)")
          .byDefault(120)
          .does(
              "the other region's heartbeat age above which `dr-canary-<region>-<suffix>` fires "
                  + "(the `Maximum` of two consecutive minutes; a minute without data counts as "
                  + "above)");

  public static final Setting<Integer> TARGET_RTO_SECONDS =
      integer(Area.ALERTING_AND_OBJECTIVES, "targetRtoSeconds")
          .range(1, LONGEST_TARGET_SECONDS)
          .byDefault(360)
          .does(
              "declared recovery-time target; synth refuses settings whose computed worst-case "
                  + "failover time exceeds it");

  public static final Setting<Integer> TARGET_RPO_SECONDS =
      integer(Area.ALERTING_AND_OBJECTIVES, "targetRpoSeconds")
          .range(0, LONGEST_TARGET_SECONDS)
          .note("; 0 only with `tableConsistency` `strong`")
          .byDefault(300)
          .does(
              "declared recovery-point target; synth refuses settings whose computed bound "
                  + "(the longer of threshold + 120 s and the 240 s stall detection, "
                  + "[objectives.md](objectives.md)) exceeds it. Asynchronous replication cannot "
                  + "promise less than 240 s");

  // Failover rehearsal and control

  public static final Setting<Boolean> FAILOVER_DRILL =
      flag(Area.REHEARSAL, "failoverDrill")
          .byDefault(true)
          .does(
              "an AWS Fault Injection Service experiment template that stops the primary's "
                  + "instances for `drillDurationMinutes`, stopped early by the stack's alarms, "
                  + "logged to an encrypted log group "
                  + "([operations.md](operations.md#rehearsing-a-real-failure)). A template costs "
                  + "nothing until an experiment runs");

  public static final Setting<Integer> DRILL_DURATION_MINUTES =
      integer(Area.REHEARSAL, "drillDurationMinutes")
          .range(1, RehearsalSettings.MAX_DRILL_MINUTES)
          .byDefault(10)
          .does(
              "the longest the drill keeps the primary's instances stopped before FIS starts them"
                  + " again; Auto Scaling usually replaces them sooner, so the primary's real "
                  + "outage is shorter ([operations.md](operations.md#rehearsing-a-real-failure))");

  public static final Setting<Boolean> REGION_SWITCH_PLAN =
      flag(Area.REHEARSAL, "regionSwitchPlan")
          .byDefault(false)
          .does(
              "an ARC Region switch plan, `dr-<suffix>-<xyz>`, for controlled failover and "
                  + "failback: scale the target region's group to the other's capacity, then move "
                  + "DNS, even while the primary answers; with strategy `activeActive` it shifts "
                  + "traffic away from either region (the other scaled to the whole load first) "
                  + "and back "
                  + "([operations.md](operations.md#controlled-failover-with-the-region-switch-"
                  + "plan)). **Priced per plan and month** (US$70 in AWS's price list at the time "
                  + "of writing), so off by default");

  public static final Setting<Boolean> REGION_SWITCH_APPROVAL =
      flag(Area.REHEARSAL, "regionSwitchApproval")
          .note("; `true` only with `regionSwitchPlan`")
          .byDefault(false)
          .does(
              "a manual-approval step first in each of the plan's workflows, approved by assuming"
                  + " the role `dr-region-switch-approver-<suffix>`");

  public static final Setting<Boolean> REGION_SWITCH_TRIGGERS =
      flag(Area.REHEARSAL, "regionSwitchTriggers")
          .note("; `true` only with `regionSwitchPlan` and strategy `warmStandby`")
          .byDefault(false)
          .does(
              "the plan starts failover by itself once the secondary has served the traffic for "
                  + "longer than any drill can hold it there, in a row: `drillDurationMinutes` "
                  + "(with the drill) + the drill's tail (a started or replaced instance passing "
                  + "its checks, Route 53 seeing it, the 60 s TTL) + 1 minute (its alarm "
                  + "`dr-switch-trigger-<secondary>-<suffix>`, in the secondary): DNS has already "
                  + "failed over by itself; the run adds the scale-up and holds DNS there until "
                  + "failback "
                  + "([operations.md](operations.md#controlled-failover-with-the-region-switch-"
                  + "plan))");

  // State backend

  public static final Setting<String> STATE_BACKEND =
      choice(Area.STATE_BACKEND, "stateBackend", new String[] {"local", "s3"}, kind -> kind)
          .byDefault("local")
          .does("where Terraform keeps the state");

  public static final Setting<String> LOCAL_STATE_PATH =
      text(Area.STATE_BACKEND, "localStatePath")
          .valid(
              path ->
                  path.startsWith("/")
                      || !(path.equals("..")
                          || path.startsWith("../")
                          || path.contains("/../")
                          || path.endsWith("/..")),
              "a path inside the project (relative to its root, no '..') or an absolute path")
          .allowed("an absolute path, or a path relative to the project root without `..`")
          .computed("`state/terraform.TapStack<suffix>.tfstate`")
          .does(
              "`local` only. The JSON names it as Terraform opens it from the stack's "
                  + "directory, `cdktf.out/stacks/TapStack<suffix>/` (so `../../../state/...`): "
                  + "outside `cdktf.out`, which the CLI may delete from (below). `state/` is "
                  + "ignored by Git");

  /** Required with {@code s3}: read with an empty default, which its check refuses. */
  public static final Setting<String> STATE_BUCKET =
      text(Area.STATE_BACKEND, "stateBucket")
          .matching(
              BUCKET,
              "the name of an existing S3 bucket (3-63 lowercase letters, digits, '.' and '-')"
                  + " when stateBackend is s3")
          .allowed("an existing bucket name (3–63 lowercase letters, digits, `.`, `-`)")
          .optional("none; required for `s3`")
          .does("`s3` only: the state bucket");

  public static final Setting<String> STATE_KEY =
      text(Area.STATE_BACKEND, "stateKey")
          .allowed("an object key")
          .computed("`dr-stack/<suffix>/terraform.tfstate`")
          .does("`s3` only: the state object");

  public static final Setting<String> STATE_REGION =
      region(Area.STATE_BACKEND, "stateRegion")
          .allowed("a region name; required when the primary's geography has no third region")
          .computed(
              "a third region: the first of us-west-2, us-east-2, us-east-1, us-west-1 (in Europe"
                  + " eu-west-1, eu-central-1, ...; Asia Pacific ap-southeast-2, ap-northeast-1,"
                  + " ...) in the primary's geography that is neither the primary nor the "
                  + "secondary")
          .does(
              "`s3` only: the bucket's region. A bucket in either serving region cannot be read "
                  + "or locked exactly when that region fails, and the procedures of "
                  + "[operations.md](operations.md#while-the-primary-region-is-down) need it then."
                  + " Before this version the default was the secondary region: to keep a bucket "
                  + "there, set it explicitly, or move the state "
                  + "([operations.md](operations.md#upgrading))");

  public static final Setting<String> STATE_LOCK_TABLE =
      text(Area.STATE_BACKEND, "stateLockTable")
          .matching(
              TABLE_NAME,
              "the name of an existing DynamoDB table with a LockID string key, or none")
          .allowed(
              "an existing DynamoDB table (3–255 letters, digits, `_`, `-`, `.`) with a string "
                  + "partition key `LockID`")
          .optional("none: Terraform's lock file next to the state (`use_lockfile`)")
          .does(
              "`s3` only: a DynamoDB lock table as well as the lock file, for teams that still "
                  + "run Terraform before 1.10 while they move to the lock file; Terraform 1.11 "
                  + "deprecates it. The stack requires Terraform 1.10 or later with `s3`");

  /** Its region is checked against {@link #STATE_REGION} by {@link StateBackend.S3}. */
  public static final Setting<String> STATE_KMS_KEY_ID =
      text(Area.STATE_BACKEND, "stateKmsKeyId")
          .allowed(
              "a KMS key ID, alias or ARN in the bucket's region (an ARN of another region than "
                  + "`stateRegion` is refused)")
          .optional("none")
          .does(
              "`s3` only: encrypt the state object with this key; without it the bucket's "
                  + "default encryption applies. `encrypt` is always on");

  // Tests only

  /** Only loopback: the emulator mode must never send dummy credentials anywhere else. */
  public static final Setting<String> EMULATOR_ENDPOINT =
      text(Area.TESTS_ONLY, "emulatorEndpoint")
          .valid(
              Setting::isLoopbackUrl,
              "an http URL on this machine's loopback interface, such as"
                  + " http://127.0.0.1:5000, or empty for real AWS")
          .allowed(
              "an `http` URL on the loopback interface: `http://127.x.x.x:<port>`, "
                  + "`http://localhost:<port>`, `http://[::1]:<port>`")
          .optional("none (real AWS)")
          .does(
              "points the providers at a local AWS emulator instead of AWS; anything but "
                  + "loopback is refused so that dummy credentials never leave the machine. See "
                  + "[testing](../docs/maintainers/testing.md)");

  private final Area area;
  private final String contextKey;
  private final String envVar;
  private final Function<Object, T> parser;
  private final String typeRule;
  private final boolean keepsRefusedValue;
  private final List<Check<T>> checks;
  private final T defaultValue;
  private final String documentedDefault;
  private final String allowed;
  private final String effect;

  private Setting(Builder<T> declared, String effect) {
    this.area = declared.area;
    this.contextKey = declared.contextKey;
    this.envVar = declared.envVar;
    this.parser = declared.parser;
    this.typeRule = declared.typeRule;
    this.keepsRefusedValue = declared.keepsRefusedValue;
    this.checks = List.copyOf(declared.checks);
    this.defaultValue = declared.defaultValue;
    this.documentedDefault = declared.documentedDefault;
    this.allowed =
        (declared.allowed != null ? declared.allowed : declared.derivedAllowed) + declared.note;
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
   * The value the setting takes when unset; empty for an optional setting and for one whose default
   * the area's rules compute from other settings (the manual then says how).
   */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
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

  @Override
  public String toString() {
    return contextKey == null ? envVar : contextKey;
  }

  /** The value as the setting's type reads it, or {@code null} when it is not of that type. */
  T parse(Object raw) {
    return parser.apply(raw);
  }

  /** What a value that is not of the setting's type is refused with: its first check's rule. */
  String typeRule() {
    return checks.isEmpty() ? typeRule : checks.get(0).rule();
  }

  /** The rule of the first check {@code value} fails, if any. */
  Optional<String> problem(T value) {
    return checks.stream().filter(check -> !check.test().test(value)).map(Check::rule).findFirst();
  }

  /**
   * Whether a refused value is still returned as written (text: the rules that derive from it then
   * know not to report it again), rather than the default (numbers, flags, choices).
   */
  boolean keepsRefusedValue() {
    return keepsRefusedValue;
  }

  /** A value a check refuses, and the rule a refusal states. */
  private record Check<T>(Predicate<? super T> test, String rule) {}

  /**
   * A declaration being written: its key and type first, then its checks, its default and, last,
   * what it does, which makes it a {@link Setting} among {@link #all()}.
   */
  static class Builder<T> {
    private final Area area;
    private final String contextKey;
    private final String envVar;
    private final Function<Object, T> parser;
    private final Function<T, String> spelling;
    private final String typeRule;
    private final boolean keepsRefusedValue;
    private final List<Check<T>> checks = new ArrayList<>();
    String derivedAllowed;
    private String allowed;
    private String note = "";
    private T defaultValue;
    private String documentedDefault;

    private Builder(
        Area area,
        String contextKey,
        String envVar,
        Function<Object, T> parser,
        Function<T, String> spelling,
        String typeRule,
        String derivedAllowed,
        boolean keepsRefusedValue) {
      this.area = area;
      this.contextKey = contextKey;
      this.envVar = envVar;
      this.parser = parser;
      this.spelling = spelling;
      this.typeRule = typeRule;
      this.derivedAllowed = derivedAllowed;
      this.keepsRefusedValue = keepsRefusedValue;
    }

    /** A value must pass {@code test}; one that does not is refused as expecting {@code rule}. */
    Builder<T> valid(Predicate<? super T> test, String rule) {
      checks.add(new Check<>(test, rule));
      return this;
    }

    /** The manual's text of what is allowed, where the checks cannot say it. */
    Builder<T> allowed(String text) {
      this.allowed = text;
      return this;
    }

    /** Added to what is allowed: a rule that joins this setting to others. */
    Builder<T> note(String text) {
      this.note = text;
      return this;
    }

    Builder<T> byDefault(T value) {
      this.defaultValue = value;
      this.documentedDefault = "`" + spelling.apply(value) + "`";
      return this;
    }

    /** No default: unset (or empty) is no value at all; {@code text} is the manual's cell. */
    Builder<T> optional(String text) {
      this.documentedDefault = text;
      return this;
    }

    /** The area's rules compute the default from other settings, as {@code text} says. */
    Builder<T> computed(String text) {
      this.documentedDefault = text;
      return this;
    }

    /** Completes the declaration with what the setting does, as the manual says it. */
    Setting<T> does(String effect) {
      Setting<T> setting = new Setting<>(this, effect);
      ALL.add(setting);
      return setting;
    }
  }

  /** A whole-number declaration, which states its allowed values first. */
  static final class Numbers extends Builder<Integer> {
    private Numbers(Area area, String contextKey) {
      super(
          area,
          contextKey,
          environmentVariable(contextKey),
          Setting::parseInteger,
          String::valueOf,
          "a whole number",
          "a whole number",
          false);
    }

    /** From {@code min} to {@code max}, both included. */
    Numbers range(int min, int max) {
      valid(n -> n >= min && n <= max, "a whole number from " + min + " to " + max);
      super.derivedAllowed = min + "–" + max;
      return this;
    }

    /** One of {@code values}, which {@code what} describes. */
    Numbers oneOf(String what, Integer... values) {
      List<Integer> allowedValues = List.of(values);
      String listed = listed(allowedValues.stream().map(String::valueOf).toList(), " or ");
      valid(allowedValues::contains, "one of " + what + ": " + listed);
      super.derivedAllowed = what + ": " + listed;
      return this;
    }
  }

  /** A text declaration. */
  static final class Texts extends Builder<String> {
    private Texts(Area area, String contextKey, String envVar) {
      super(area, contextKey, envVar, String::valueOf, text -> text, "text", null, true);
    }

    /** The whole value must match {@code pattern}. */
    Texts matching(Pattern pattern, String rule) {
      valid(pattern.asMatchPredicate(), rule);
      return this;
    }
  }

  private static Numbers integer(Area area, String key) {
    return new Numbers(area, key);
  }

  private static Texts text(Area area, String key) {
    return new Texts(area, key, environmentVariable(key));
  }

  /** A text setting that only the environment sets. */
  private static Texts environmentText(Area area, String envVar) {
    return new Texts(area, null, envVar);
  }

  private static Builder<Boolean> flag(Area area, String key) {
    return new Builder<>(
        area,
        key,
        environmentVariable(key),
        Setting::parseBoolean,
        String::valueOf,
        "true or false",
        "`true`, `false`",
        false);
  }

  /** One of {@code values}, each written as {@code spelling} gives it. */
  private static <T> Builder<T> choice(
      Area area, String key, T[] values, Function<T, String> spelling) {
    List<T> choices = List.of(values);
    List<String> spelled = choices.stream().map(spelling).toList();
    return new Builder<>(
        area,
        key,
        environmentVariable(key),
        raw ->
            choices.stream()
                .filter(c -> spelling.apply(c).equals(String.valueOf(raw)))
                .findFirst()
                .orElse(null),
        spelling,
        listed(spelled, " or "),
        spelled.stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")),
        false);
  }

  private static Builder<String> region(Area area, String key) {
    return text(area, key)
        .valid(
            RegionSettings.REGIONS::contains,
            "an AWS region name, one of " + new java.util.TreeSet<>(RegionSettings.REGIONS));
  }

  private static Builder<String> vpcCidr(String key, String example) {
    return text(Area.NETWORK_AND_APPLICATION, key)
        .valid(
            block -> RegionSettings.block(block).isPresent(),
            "an IPv4 network block from /16 to /22, such as " + example);
  }

  private static Texts certificateArn(String key) {
    return text(Area.NETWORK_AND_APPLICATION, key)
        .matching(
            CERTIFICATE_ARN,
            "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)"
                + " or empty for plain HTTP");
  }

  private static Texts amiId(String key) {
    return text(Area.NETWORK_AND_APPLICATION, key)
        .matching(
            AMI_ID,
            "an x86_64 AMI ID of the region (ami- and 8 or 17 hexadecimal digits), or"
                + " empty to take the newest Amazon Linux 2023 AMI once, at creation");
  }

  /** A DNS name; a trailing dot is dropped before the check. */
  private static Builder<String> dnsName(String key) {
    return text(Area.DNS_FAILOVER, key)
        .valid(
            name -> DNS_NAME.matcher(withoutTrailingDot(name)).matches(),
            "a lowercase DNS name such as app.example.com");
  }

  static String withoutTrailingDot(String name) {
    return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** {@code DR_} and the key in upper snake case: {@code appPort} is {@code DR_APP_PORT}. */
  private static String environmentVariable(String key) {
    return "DR_" + key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }

  /** {@code a, b or c}. */
  private static String listed(List<String> values, String lastSeparator) {
    int last = values.size() - 1;
    return last == 0
        ? values.get(0)
        : String.join(", ", values.subList(0, last)) + lastSeparator + values.get(last);
  }

  private static Integer parseInteger(Object value) {
    if (value instanceof Number n) {
      // Range-checked as a double first: intValue() of a Long or a large Double wraps or clamps.
      double d = n.doubleValue();
      return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE
          ? Integer.valueOf(n.intValue())
          : null;
    }
    try {
      return Integer.valueOf(String.valueOf(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Boolean parseBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    return switch (String.valueOf(value)) {
      case "true" -> Boolean.TRUE;
      case "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static boolean isLoopbackUrl(String url) {
    var matcher = LOOPBACK_URL.matcher(url);
    return matcher.matches() && Integer.parseInt(matcher.group(5)) <= 65_535;
  }
}
