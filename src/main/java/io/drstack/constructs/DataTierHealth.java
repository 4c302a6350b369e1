package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import io.drstack.config.RecoveryObjectives;
import java.util.Map;
import software.constructs.Construct;

/**
 * A region's data tier as Route 53 sees it: an alarm on DynamoDB's server errors for writes to the
 * region's replica, and a Route 53 check that follows it. A child of the region's record check, so
 * traffic leaves a region whose table fails while its web tier still answers {@code /health}. M of
 * N minutes on both edges: it turns red after {@value RecoveryObjectives#DATA_TIER_DATAPOINTS} of
 * {@value RecoveryObjectives#DATA_TIER_PERIODS} minutes with errors and green once fewer remain, so
 * one noisy minute moves nothing. Route 53 needs an alarm on one metric (no metric math), hence the
 * one operation: the canary writes it every interval, and so does any application that writes.
 * Without data (no writes, or the region unreadable) the check is healthy: it never takes a region
 * out by its silence; the endpoint check covers a region that is gone.
 */
public final class DataTierHealth extends Construct {

  /** The operation whose server errors mean the data tier fails. */
  public static final String OPERATION = "PutItem";

  /**
   * Inputs of the construct.
   *
   * @param topic the region's alarm topic: the alarm pages as it moves traffic
   * @param dnsRegion the region whose provider manages Route 53
   * @param tableName the global table's name
   */
  public record Props(AlarmTopic topic, Region dnsRegion, String tableName) {}

  private final Route53HealthCheck check;

  public DataTierHealth(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.topic().region();
    String name = region.names().of("data-tier-down", region.name());
    CloudwatchMetricAlarm alarm =
        Alarm.on(
            this,
            "alarm",
            props.topic(),
            new Alarm.Identity(
                name,
                "DynamoDB fails writes in "
                    + region.name()
                    + ": Route 53 takes this region out of DNS until it recovers"),
            new Alarm.Metric(
                "AWS/DynamoDB",
                "SystemErrors",
                Map.of("TableName", props.tableName(), "Operation", OPERATION),
                "Sum"),
            Alarm.Condition.atLeast(1)
                .in(RecoveryObjectives.DATA_TIER_DATAPOINTS)
                .ofLast(RecoveryObjectives.DATA_TIER_PERIODS));
    this.check =
        AlarmHealthCheck.on(
            this,
            "health-check",
            props.dnsRegion(),
            region,
            alarm,
            name,
            AlarmHealthCheck.WithoutData.HEALTHY);
  }

  public String healthCheckId() {
    return check.getId();
  }
}
