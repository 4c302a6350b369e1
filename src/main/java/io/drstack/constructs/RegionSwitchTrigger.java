package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RehearsalSettings;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The Region switch plan's trigger: an alarm in the secondary, the region it activates, that turns
 * red once its load balancer has served far more than usual for {@link #minutes} minutes in a row.
 * That happens only after Route 53 has moved the traffic there by itself, so the trigger follows
 * DNS and never leads it, needs nothing of the primary's region (nor of us-east-1), ignores a noisy
 * minute, and outlasts every drill the configuration accepts.
 */
final class RegionSwitchTrigger {
  private RegionSwitchTrigger() {}

  /** Between two runs the trigger starts, as ARC counts them. */
  static final int MIN_MINUTES_BETWEEN_RUNS = 60;

  /** Beyond the longest a drill can hold traffic on the secondary: one minute more. */
  static final int MARGIN_MINUTES = 1;

  /**
   * After a drill's instances are started again, the longest until the secondary stops receiving
   * traffic: an instance (or Auto Scaling's replacement of a stopped one) launches and passes
   * {@code /health} within its grace period, Route 53 needs as many good checks as it needed bad
   * ones, and resolvers drop the secondary's answer after the alias TTL.
   */
  static int drillTailSeconds(RecoveryObjectives objectives) {
    return RecoveryObjectives.INSTANCE_LAUNCH_SECONDS
        + RecoveryObjectives.HEALTH_CHECK_GRACE_PERIOD_SECONDS
        + objectives.detectionSeconds()
        + RecoveryObjectives.ALIAS_TTL_SECONDS;
  }

  /**
   * How many consecutive minutes of traffic on the secondary start the trigger: the drill's
   * duration (none without the drill), its tail ({@link #drillTailSeconds}, rounded up to minutes)
   * and {@link #MARGIN_MINUTES}. A drill can hold traffic on the secondary for its duration plus
   * its tail at most, so no drill fires the trigger.
   */
  static int minutes(RehearsalSettings settings, RecoveryObjectives objectives) {
    return (settings.drill() ? settings.drillMinutes() : 0)
        + (drillTailSeconds(objectives) + 59) / 60
        + MARGIN_MINUTES;
  }

  /** {@code dr-switch-trigger-<secondary>-<suffix>}. */
  static String alarmName(Region secondary) {
    return secondary.names().of("switch-trigger", secondary.name());
  }

  /** The alarm, in the secondary, on its load balancer's requests. */
  static Alarm.Identity identity(Region secondary, int minutes) {
    return new Alarm.Identity(
        alarmName(secondary),
        "The secondary has served the traffic for "
            + minutes
            + " minutes in a row: the Region switch plan scales it and holds DNS there until"
            + " failback");
  }

  static CloudwatchMetricAlarm alarm(Construct scope, Site secondary, int minutes) {
    return Alarm.onAnomaly(
        scope,
        "trigger-alarm",
        secondary.alarmTopic(),
        identity(secondary.region(), minutes),
        new Alarm.Metric(
            "AWS/ApplicationELB",
            "RequestCount",
            Map.of("LoadBalancer", secondary.service().loadBalancerArnSuffix()),
            "Sum"),
        4,
        // Every minute of them: N of N, one quiet minute starts the count again.
        Alarm.Condition.aboveBand().in(minutes));
  }

  /** The plan's {@code triggers} block: activate the secondary while the alarm is red. */
  static Map<String, Object> block(Region secondary) {
    return Map.of(
        "action",
        "activate",
        "target_region",
        secondary.name(),
        "description",
        "Traffic has been on the secondary longer than any drill: scale it and hold DNS",
        "min_delay_minutes_between_executions",
        MIN_MINUTES_BETWEEN_RUNS,
        "conditions",
        List.of(Map.of("associated_alarm_name", alarmName(secondary), "condition", "red")));
  }
}
