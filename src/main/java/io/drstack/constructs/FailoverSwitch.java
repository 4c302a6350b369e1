package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmConfig;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import io.drstack.config.Strategy;
import java.util.Map;
import software.constructs.Construct;

/**
 * The on-call's lever: forces the primary out of DNS and holds it out, with data-plane calls to a
 * region that is neither us-east-1 nor the primary. {@code aws cloudwatch put-metric-data} of
 * {@value #OUT} turns the alarm to ALARM, which makes the switch's Route 53 check, a child of the
 * primary's, unhealthy; {@value #IN} releases it. The alarm ignores missing data, so it holds its
 * state until the opposite value is put; while its region cannot be read, the check keeps its last
 * state, and a switch never set is healthy. Nothing else sets the metric: failback never happens by
 * itself while the switch is pulled.
 */
public final class FailoverSwitch extends Construct {

  /** The metric's namespace. */
  public static final String NAMESPACE = "DrStack/FailoverSwitch";

  /** The metric: {@value #OUT} holds the primary out of DNS, {@value #IN} lets it in. */
  public static final String METRIC = "PrimaryOut";

  /** The metric's one dimension, whose value is the stack's name. */
  public static final String DIMENSION = "Stack";

  /** The value that holds the primary out. */
  public static final int OUT = 1;

  /** The value that lets the primary back in. */
  public static final int IN = 0;

  /**
   * Inputs of the construct.
   *
   * @param switchRegion where the alarm lives: neither us-east-1 nor the primary
   * @param dnsRegion the region whose provider manages Route 53
   * @param strategy with both regions serving, holding the primary out leaves the secondary
   *     carrying all the traffic, which the alarm's description says
   */
  public record Props(Region switchRegion, Region dnsRegion, Strategy strategy) {}

  private final Region region;
  private final CloudwatchMetricAlarm alarm;
  private final Route53HealthCheck check;

  public FailoverSwitch(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.switchRegion();
    String name = region.names().of("failover-switch");
    this.alarm =
        new CloudwatchMetricAlarm(
            this,
            "alarm",
            CloudwatchMetricAlarmConfig.builder()
                .provider(region.provider())
                .alarmName(name)
                .alarmDescription(description(props.strategy()))
                .namespace(NAMESPACE)
                .metricName(METRIC)
                .dimensions(Map.of(DIMENSION, region.names().stack()))
                .statistic("Maximum")
                .period(Alarm.PERIOD_SECONDS)
                .evaluationPeriods(1)
                .datapointsToAlarm(1)
                .comparisonOperator("GreaterThanOrEqualToThreshold")
                .threshold(OUT)
                // A switch stays where it was put: no datapoint changes nothing.
                .treatMissingData("ignore")
                .build());
    this.check =
        AlarmHealthCheck.on(
            this,
            "health-check",
            props.dnsRegion(),
            region,
            alarm,
            name,
            AlarmHealthCheck.WithoutData.LAST_KNOWN);
  }

  /** The alarm's description: what ALARM means under {@code strategy}. */
  static String description(Strategy strategy) {
    return (strategy == Strategy.ACTIVE_ACTIVE
            ? "The failover switch: in ALARM, the primary is out of service: Route 53 holds it out"
                + " of DNS and the secondary carries all the traffic."
            : "The failover switch: in ALARM, Route 53 holds the primary out of DNS.")
        + " Set only by the on-call (help/operations.md, The failover switch)";
  }

  /** The Route 53 check: unhealthy while the switch holds the primary out. */
  public String healthCheckId() {
    return check.getId();
  }

  /** Where the switch is pulled and released. */
  public String region() {
    return region.name();
  }

  /** The metric's dimensions as {@code aws cloudwatch put-metric-data --dimensions} takes them. */
  public String dimensions() {
    return DIMENSION + "=" + region.names().stack();
  }

  public String alarmName() {
    return alarm.getAlarmNameInput();
  }
}
