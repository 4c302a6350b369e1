package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.AllStacks;
import io.drstack.support.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * CloudWatch's hard limits on metric-math alarms, which synth and {@code terraform validate} do not
 * know and {@code PutMetricAlarm} enforces only at apply: an alarm reads at most 10 metrics
 * ("Alarms based on metric math expressions can reference a maximum of 10 metrics. This is a hard
 * limit", CloudWatch User Guide, alarm limits), and holds at most 10 expressions.
 */
class AlarmLimitsTest {

  /** The most metrics one alarm's metric math may read, and the most expressions it may hold. */
  static final int MOST_METRICS_PER_ALARM = 10;

  static final int MOST_EXPRESSIONS_PER_ALARM = 10;

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyMetricMathAlarmReadsAtMostTenMetrics(Synthesized stack) {
    Map<String, JsonNode> alarms = stack.resources("aws_cloudwatch_metric_alarm");
    assertFalse(
        alarms.values().stream().noneMatch(alarm -> alarm.has("metric_query")),
        "the stack has metric-math alarms to check");
    List<String> over =
        alarms.entrySet().stream()
            .filter(
                alarm ->
                    queries(alarm.getValue(), "metric") > MOST_METRICS_PER_ALARM
                        || queries(alarm.getValue(), "expression") > MOST_EXPRESSIONS_PER_ALARM)
            .map(
                alarm ->
                    alarm.getValue().path("alarm_name").asText(alarm.getKey())
                        + " reads "
                        + queries(alarm.getValue(), "metric")
                        + " metrics with "
                        + queries(alarm.getValue(), "expression")
                        + " expressions")
            .toList();
    assertEquals(
        List.of(),
        over,
        "alarms over CloudWatch's "
            + MOST_METRICS_PER_ALARM
            + " metrics or "
            + MOST_EXPRESSIONS_PER_ALARM
            + " expressions per alarm");
  }

  /** The alarm's {@code metric_query} entries that hold {@code kind}: a metric or an expression. */
  static long queries(JsonNode alarm, String kind) {
    return StreamSupport.stream(alarm.path("metric_query").spliterator(), false)
        .filter(query -> query.has(kind))
        .count();
  }
}
