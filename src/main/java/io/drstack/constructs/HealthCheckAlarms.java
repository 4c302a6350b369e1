package io.drstack.constructs;

import java.util.Map;
import software.constructs.Construct;

/**
 * Alarms on the Route 53 health checks. Route 53 publishes {@code HealthCheckStatus} only in
 * us-east-1, so these alarms and their topic live there whatever the stack's regions are: anywhere
 * else they would sit in {@code INSUFFICIENT_DATA} forever.
 */
public final class HealthCheckAlarms extends Construct {

  /** The only region with Route 53 health-check metrics. */
  public static final String METRICS_REGION = "us-east-1";

  /**
   * Inputs of the construct.
   *
   * @param topic a topic in {@link #METRICS_REGION}
   * @param healthChecks health-check id by the region it probes
   */
  public record Props(AlarmTopic topic, Map<String, String> healthChecks) {}

  public HealthCheckAlarms(Construct scope, String id, Props props) {
    super(scope, id);
    if (!METRICS_REGION.equals(props.topic().region().name())) {
      throw new IllegalArgumentException(
          "Health-check alarms need a topic in "
              + METRICS_REGION
              + ", got one in "
              + props.topic().region().name());
    }
    props.healthChecks().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            check ->
                Alarm.on(
                    this,
                    "endpoint-" + check.getKey(),
                    props.topic(),
                    new Alarm.Identity(
                        props.topic().region().names().of("endpoint-down", check.getKey()),
                        "Route 53 sees the "
                            + check.getKey()
                            + " endpoint as unhealthy: DNS fails over away from it"),
                    new Alarm.Metric(
                        "AWS/Route53",
                        "HealthCheckStatus",
                        Map.of("HealthCheckId", check.getValue()),
                        "Minimum"),
                    Alarm.Condition.below(1).missingDataBreaches()));
  }

  /** The alarms of the health checks, by name, with their ARNs. */
  public Map<String, String> arnsByName() {
    return Alarm.arnsByName(this);
  }
}
