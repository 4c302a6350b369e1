package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import io.drstack.config.RecoveryObjectives;
import java.util.Map;
import software.constructs.Construct;

/**
 * A region's data tier as Route 53 sees it: an alarm on DynamoDB's server errors for writes to the
 * region's replica, and a Route 53 check that follows it. A child of the region's record check, so
 * traffic leaves a region whose table fails while its web tier still answers {@code /health}. It
 * turns red after {@value RecoveryObjectives#DATA_TIER_MINUTES} minutes in a row with errors (N of
 * N: one noisy minute moves nothing), and stays red: DynamoDB reports {@code SystemErrors} only for
 * minutes that have some (CloudWatch User Guide, DynamoDB metrics), and CloudWatch keeps an alarm
 * on an {@code AWS/DynamoDB} metric in its state while the metric has no data, whatever {@code
 * treat_missing_data} says (CloudWatch API Reference, PutMetricAlarm). The alarm says {@code
 * ignore}, which is what it gets. So the region comes back when the on-call sets the alarm to OK
 * after the failback gate, never by itself; and nothing that writes (canary off, application idle)
 * leaves the alarm where it is: a check never set is healthy ({@code Healthy} without data), one
 * that was healthy stays so. Route 53 needs an alarm on one metric (no metric math), hence the one
 * operation: the canary writes it every interval, and so does any application that writes.
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
                    + ": Route 53 takes this region out of DNS until the on-call sets this alarm to"
                    + " OK (help/operations.md, Failback)"),
            new Alarm.Metric(
                "AWS/DynamoDB",
                "SystemErrors",
                Map.of("TableName", props.tableName(), "Operation", OPERATION),
                "Sum"),
            Alarm.Condition.atLeast(1)
                .in(RecoveryObjectives.DATA_TIER_MINUTES)
                .missingDataIgnored());
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
