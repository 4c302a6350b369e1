package io.drstack.cost;

import java.util.Map;

/**
 * The one price table of the cost estimate: US-dollar list prices in us-east-1, on demand, without
 * free tiers, taxes or discounts (help/cost.md). To update, change the amounts and {@link #AS_OF},
 * then regenerate help/cost.md (CostReferenceTest says how).
 */
public enum Price {
  INTERFACE_ENDPOINT_HOUR(
      0.01,
      Unit.HOUR,
      "interface VPC endpoint, per Availability Zone",
      "https://aws.amazon.com/privatelink/pricing/"),
  LOAD_BALANCER_HOUR(
      0.0225,
      Unit.HOUR,
      "Application Load Balancer (LCUs are usage)",
      "https://aws.amazon.com/elasticloadbalancing/pricing/"),
  PUBLIC_IPV4_HOUR(
      0.005,
      Unit.HOUR,
      "public IPv4 address (one per internet-facing load balancer subnet)",
      "https://aws.amazon.com/vpc/pricing/"),
  INSTANCE_HOUR(
      Double.NaN,
      Unit.HOUR,
      "EC2 instance, Linux, on demand (by type: INSTANCE_TYPES)",
      "https://aws.amazon.com/ec2/pricing/on-demand/"),
  GP3_GB_MONTH(
      0.08, Unit.GB_MONTH, "EBS gp3 volume storage", "https://aws.amazon.com/ebs/pricing/"),
  KMS_KEY_MONTH(
      1.00, Unit.MONTH, "KMS customer managed key", "https://aws.amazon.com/kms/pricing/"),
  HOSTED_ZONE_MONTH(
      0.50, Unit.MONTH, "Route 53 hosted zone", "https://aws.amazon.com/route53/pricing/"),
  HEALTH_CHECK_MONTH(
      0.50,
      Unit.MONTH,
      "Route 53 health check of an AWS endpoint, basic",
      "https://aws.amazon.com/route53/pricing/"),
  HEALTH_CHECK_OPTION_MONTH(
      1.00,
      Unit.MONTH,
      "Route 53 health check option (HTTPS, string matching, 10 s interval, latency), each",
      "https://aws.amazon.com/route53/pricing/"),
  ALARM_METRIC_MONTH(
      0.10,
      Unit.MONTH,
      "CloudWatch alarm, standard resolution, per metric it watches",
      "https://aws.amazon.com/cloudwatch/pricing/"),
  HIGH_RESOLUTION_ALARM_METRIC_MONTH(
      0.30,
      Unit.MONTH,
      "CloudWatch alarm, high resolution, per metric it watches",
      "https://aws.amazon.com/cloudwatch/pricing/"),
  CUSTOM_METRIC_MONTH(
      0.30, Unit.MONTH, "CloudWatch custom metric", "https://aws.amazon.com/cloudwatch/pricing/"),
  REGION_SWITCH_PLAN_MONTH(
      70.00,
      Unit.MONTH,
      "ARC Region switch plan",
      "https://aws.amazon.com/application-recovery-controller/pricing/"),
  ACCELERATOR_HOUR(
      0.025,
      Unit.HOUR,
      "Global Accelerator, each full or partial hour, enabled or not (DT-Premium per GB is usage)",
      "https://aws.amazon.com/global-accelerator/pricing/");

  /** The day these prices were last compared with the pages named. */
  public static final String AS_OF = "2026-12-06";

  /** Where the prices apply. */
  public static final String REGION = "us-east-1";

  /** Hours in the month of every estimate (AWS's calculator uses 730). */
  public static final double HOURS_PER_MONTH = 730;

  /** On-demand Linux price per hour of the x86_64 instance types priced here. */
  public static final Map<String, Double> INSTANCE_TYPES =
      Map.ofEntries(
          Map.entry("t3.nano", 0.0052),
          Map.entry("t3.micro", 0.0104),
          Map.entry("t3.small", 0.0208),
          Map.entry("t3.medium", 0.0416),
          Map.entry("t3.large", 0.0832),
          Map.entry("m5.large", 0.096),
          Map.entry("m6i.large", 0.096),
          Map.entry("m7i.large", 0.1008),
          Map.entry("c5.large", 0.085),
          Map.entry("c6i.large", 0.085),
          Map.entry("r5.large", 0.126));

  /** What one unit of a quantity is. */
  public enum Unit {
    HOUR("hour"),
    MONTH("month"),
    GB_MONTH("GB-month");

    private final String label;

    Unit(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final double usd;
  private final Unit unit;
  private final String item;
  private final String source;

  Price(double usd, Unit unit, String item, String source) {
    this.usd = usd;
    this.unit = unit;
    this.item = item;
    this.source = source;
  }

  /** US dollars per {@link #unit()}; NaN for instances, whose price depends on the type. */
  public double usd() {
    return usd;
  }

  public Unit unit() {
    return unit;
  }

  public String item() {
    return item;
  }

  /** The AWS pricing page the amount comes from. */
  public String source() {
    return source;
  }
}
