package io.drstack.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheckConfig;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * A Route 53 health check that follows a CloudWatch alarm's state: healthy while the alarm is OK,
 * unhealthy while it is in ALARM. Route 53's health checkers read the alarm in its own region (a
 * data-plane read); the check itself is global and managed through the DNS region's provider. The
 * alarm is named, never referenced: its name is fixed, and a reference would cross regions.
 */
final class AlarmHealthCheck {
  private AlarmHealthCheck() {}

  /** What the check says while CloudWatch has too little data to give the alarm a state. */
  enum WithoutData {
    /** Healthy: a signal nobody has set yet, or a region that cannot answer, moves nothing. */
    HEALTHY("Healthy"),
    /** The check's last state: a switch holds its position while its region is unreachable. */
    LAST_KNOWN("LastKnownStatus");

    private final String status;

    WithoutData(String status) {
      this.status = status;
    }
  }

  /**
   * Route 53 copies the alarm's configuration when the check is created or updated; a changed alarm
   * leaves the copy stale. The alarm's configuration, as text, is the check's trigger: a change of
   * it updates the check in place.
   */
  static Route53HealthCheck on(
      Construct scope,
      String id,
      Region dnsRegion,
      Region alarmRegion,
      CloudwatchMetricAlarm alarm,
      String name,
      WithoutData withoutData) {
    Route53HealthCheck check =
        new Route53HealthCheck(
            scope,
            id,
            Route53HealthCheckConfig.builder()
                .provider(dnsRegion.provider())
                .type("CLOUDWATCH_METRIC")
                .cloudwatchAlarmName(alarm.getAlarmNameInput())
                .cloudwatchAlarmRegion(alarmRegion.name())
                .insufficientDataHealthStatus(withoutData.status)
                .dependsOn(List.<ITerraformDependable>of(alarm))
                .tags(Map.of("Name", name))
                .build());
    EscapeHatch.set(
        check, EscapeHatch.Argument.HEALTH_CHECK_TRIGGERS, Map.of("alarm", configuration(alarm)));
    return check;
  }

  /** What Route 53 copies of the alarm, from the values this stack gives it. */
  private static String configuration(CloudwatchMetricAlarm alarm) {
    return String.join(
        " ",
        alarm.getNamespaceInput(),
        alarm.getMetricNameInput(),
        String.valueOf(new java.util.TreeMap<>(alarm.getDimensionsInput())),
        alarm.getStatisticInput(),
        alarm.getComparisonOperatorInput(),
        String.valueOf(alarm.getThresholdInput()),
        String.valueOf(alarm.getEvaluationPeriodsInput()),
        String.valueOf(alarm.getPeriodInput()));
  }
}
