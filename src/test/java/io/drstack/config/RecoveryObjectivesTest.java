package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecoveryObjectivesTest {

  private static RecoveryObjectives objectives(Map<String, String> env) {
    return RecoveryObjectives.of(ConfigLoader.load(Map.of(), env));
  }

  private static List<String> refusal(Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(Map.of(), env)).problems();
  }

  @Test
  void defaultsMeetTheirTargets() {
    RecoveryObjectives defaults = objectives(Map.of());
    // 3 checks x (10 s interval + 6 s timeout) + 10 s propagation
    assertEquals(58, defaults.detectionSeconds());
    assertEquals(0, defaults.secondaryReadinessSeconds());
    assertEquals(58 + 60, defaults.rtoSeconds());
    // max(3000 ms threshold + 60 s alarm period + 60 s metric delivery, (2 + 1) x 60 s + 60 s)
    assertEquals(120, defaults.replicationDetectionSeconds());
    assertEquals(240, defaults.stallDetectionSeconds());
    assertEquals(240, defaults.rpoSeconds());
    assertEquals(300, ConfigLoader.load(Map.of(), Map.of()).objectives().targetRpoSeconds());
  }

  @Test
  void rpoIsTheThresholdPlusTheAlarmPeriodPlusTheMetricDeliveryOnceAboveTheStallDetection() {
    assertEquals(60, RecoveryObjectives.REPLICATION_ALARM_PERIOD_SECONDS);
    assertEquals(60, RecoveryObjectives.METRIC_DELIVERY_SECONDS);
    RecoveryObjectives objectives =
        objectives(
            Map.of(
                "DR_REPLICATION_LATENCY_THRESHOLD_MS", "200000", "DR_TARGET_RPO_SECONDS", "400"));
    assertEquals(
        200
            + RecoveryObjectives.REPLICATION_ALARM_PERIOD_SECONDS
            + RecoveryObjectives.METRIC_DELIVERY_SECONDS,
        objectives.rpoSeconds());
  }

  @Test
  void rpoIsNeverBelowTheStallDetection() {
    assertEquals(2, RecoveryObjectives.STALL_PERIODS);
    RecoveryObjectives low = objectives(Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "100"));
    assertEquals((2 + 1) * 60 + 60, low.stallDetectionSeconds());
    assertEquals(low.stallDetectionSeconds(), low.rpoSeconds());
  }

  @Test
  void thirtySecondIntervalStretchesDetection() {
    RecoveryObjectives slow =
        objectives(
            Map.of("DR_HEALTH_CHECK_INTERVAL_SECONDS", "30", "DR_TARGET_RTO_SECONDS", "300"));
    assertEquals(3 * (30 + 6) + 10, slow.detectionSeconds());
    assertEquals(118 + 60, slow.rtoSeconds());
  }

  @Test
  void failureThresholdMultipliesEachRound() {
    RecoveryObjectives one =
        objectives(
            Map.of(
                "DR_HEALTH_CHECK_INTERVAL_SECONDS",
                "30",
                "DR_HEALTH_CHECK_FAILURE_THRESHOLD",
                "1"));
    assertEquals(36 + 10, one.detectionSeconds());
    assertEquals(46 + 60, one.rtoSeconds());
  }

  @Test
  void zeroCapacitySecondaryAddsLaunchWarmUpAndRecoveryDetection() {
    RecoveryObjectives cold =
        objectives(Map.of("DR_SECONDARY_MIN_CAPACITY", "0", "DR_TARGET_RTO_SECONDS", "400"));
    assertEquals(60 + 120 + 58, cold.secondaryReadinessSeconds());
    assertEquals(58 + 60 + 238, cold.rtoSeconds());
  }

  @ParameterizedTest
  @ValueSource(strings = {"120500", "121000", "150001"})
  void rpoRoundsTheThresholdUpToWholeSeconds(String thresholdMs) {
    int expected = (Integer.parseInt(thresholdMs) + 999) / 1000 + 120;
    assertEquals(
        expected,
        objectives(
                Map.of(
                    "DR_REPLICATION_LATENCY_THRESHOLD_MS",
                    thresholdMs,
                    "DR_TARGET_RPO_SECONDS",
                    "400"))
            .rpoSeconds());
  }

  @Test
  void targetsEqualToTheComputedValuesAreMet() {
    RecoveryObjectives met =
        objectives(Map.of("DR_TARGET_RTO_SECONDS", "118", "DR_TARGET_RPO_SECONDS", "240"));
    assertEquals(118, met.rtoSeconds());
    assertEquals(240, met.rpoSeconds());
  }

  @Test
  void refusesAnRtoTargetOneSecondShortOfTheWorstCase() {
    List<String> problems = refusal(Map.of("DR_TARGET_RTO_SECONDS", "117"));
    assertEquals(1, problems.size(), problems::toString);
    String problem = problems.get(0);
    assertTrue(problem.startsWith(Setting.TARGET_RTO_SECONDS.label() + " = \"117\""), problem);
    assertTrue(problem.contains("118 s (Route 53 detection 58 s + DNS TTL 60 s"), problem);
    assertTrue(problem.contains("Raise targetRtoSeconds to 118 or more"), problem);
    assertTrue(problem.contains("a lower healthCheckFailureThreshold (now 3)"), problem);
    assertFalse(problem.contains("healthCheckIntervalSeconds"), problem);
    assertFalse(problem.contains("secondaryMinCapacity"), problem);
  }

  @Test
  void refusesThirtySecondChecksAgainstTheDefaultTarget() {
    String problem = refusal(Map.of("DR_HEALTH_CHECK_INTERVAL_SECONDS", "30")).get(0);
    assertTrue(problem.contains("\"120\""), problem);
    assertTrue(problem.contains("178 s (Route 53 detection 118 s"), problem);
    assertTrue(problem.contains("healthCheckIntervalSeconds 10 (now 30)"), problem);
  }

  @Test
  void refusesAZeroCapacitySecondaryAgainstTheDefaultTarget() {
    String problem = refusal(Map.of("DR_SECONDARY_MIN_CAPACITY", "0")).get(0);
    assertTrue(problem.contains("356 s"), problem);
    assertTrue(problem.contains("secondary readiness 238 s"), problem);
    assertTrue(
        problem.contains("secondaryMinCapacity 1 or more (now 0, which adds 238 s)"), problem);
  }

  @Test
  void saysSoWhenNoSettingCanShortenTheFailover() {
    String problem =
        refusal(
                Map.of(
                    "DR_HEALTH_CHECK_FAILURE_THRESHOLD", "1",
                    "DR_TARGET_RTO_SECONDS", "60"))
            .get(0);
    assertTrue(problem.contains("86 s"), problem);
    assertTrue(problem.contains("already at its fastest"), problem);
  }

  @Test
  void refusesAReplicationThresholdAboveTheRpoTarget() {
    // 181 s (180001 ms rounded up) + 120 s detection = 301 s, one over the default target of 300.
    List<String> problems = refusal(Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "180001"));
    assertEquals(1, problems.size(), problems::toString);
    String problem = problems.get(0);
    assertTrue(problem.startsWith(Setting.TARGET_RPO_SECONDS.label() + " = \"300\""), problem);
    assertTrue(
        problem.contains(
            "301 s (the longer of replicationLatencyThresholdMs 180001 ms + replication alarm"
                + " detection 120 s, and the stall detection 240 s)"),
        problem);
    assertTrue(problem.contains("Raise targetRpoSeconds to 301 or more"), problem);
    assertTrue(
        problem.contains("or lower replicationLatencyThresholdMs to 180000 or less"), problem);
  }

  @Test
  void refusesAnRpoTargetBelowTheComputedRpoNamingBothSettings() {
    List<String> problems =
        refusal(
            Map.of(
                "DR_REPLICATION_LATENCY_THRESHOLD_MS", "150000", "DR_TARGET_RPO_SECONDS", "260"));
    assertEquals(1, problems.size(), problems::toString);
    String problem = problems.get(0);
    assertTrue(problem.startsWith(Setting.TARGET_RPO_SECONDS.label() + " = \"260\""), problem);
    assertTrue(problem.contains("270 s"), problem);
    assertTrue(problem.contains("Raise targetRpoSeconds to 270 or more"), problem);
    // 140 s + 120 s detection = 260 s: the threshold that would meet the target.
    assertTrue(
        problem.contains("or lower replicationLatencyThresholdMs to 140000 or less"), problem);
    assertTrue(problem.contains("help/objectives.md"), problem);
  }

  @ParameterizedTest
  @ValueSource(strings = {"239", "120", "5"})
  void anRpoTargetUnderTheStallDetectionCannotBePromisedByAsynchronousReplication(String target) {
    List<String> problems = refusal(Map.of("DR_TARGET_RPO_SECONDS", target));
    assertEquals(1, problems.size(), problems::toString);
    String problem = problems.get(0);
    assertTrue(
        problem.startsWith(Setting.TARGET_RPO_SECONDS.label() + " = \"" + target + "\""), problem);
    assertTrue(
        problem.contains("asynchronous replication cannot promise less than 240 s"), problem);
    assertTrue(problem.contains("replicationLatencyThresholdMs 3000 ms"), problem);
    assertFalse(problem.contains("or lower replicationLatencyThresholdMs"), problem);
  }

  @Test
  void theLowestPromisableTargetIsTheStallDetection() {
    assertEquals(
        240,
        objectives(
                Map.of(
                    "DR_REPLICATION_LATENCY_THRESHOLD_MS",
                    String.valueOf(RecoveryObjectives.MIN_REPLICATION_THRESHOLD_MS),
                    "DR_TARGET_RPO_SECONDS",
                    "240"))
            .rpoSeconds());
  }

  @Test
  void reportsBothMissedTargetsAtOnce() {
    List<String> problems =
        refusal(
            Map.of(
                "DR_TARGET_RTO_SECONDS", "100", "DR_REPLICATION_LATENCY_THRESHOLD_MS", "190000"));
    assertEquals(2, problems.size(), problems::toString);
  }

  @Test
  void checksObjectivesOnlyOnceEverySettingIsValid() {
    List<String> problems =
        refusal(
            Map.of(
                "DR_HEALTH_CHECK_INTERVAL_SECONDS", "30", "DR_SECONDARY_REGION", "mars-north-1"));
    assertEquals(1, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith(Setting.SECONDARY_REGION.label()), problems::toString);
  }

  @Test
  void synthesizedStackOutputsAndAnnouncesTheComputedValues() {
    Synthesized stack = Synthesized.defaults();
    JsonNode outputs = stack.tree().path("output");
    assertEquals(118, outputs.path("computed_rto_seconds").path("value").asInt(-1));
    assertEquals(240, outputs.path("computed_rpo_seconds").path("value").asInt(-1));
    assertTrue(
        stack.stack().getNode().getMetadata().stream()
            .anyMatch(
                entry ->
                    entry.getType().equals("@cdktf/info")
                        && String.valueOf(entry.getData()).contains("RTO 118 s (target 120 s)")),
        "the synth output names the computed RTO");
    assertTrue(
        stack.stack().getNode().getMetadata().stream()
            .anyMatch(
                entry ->
                    entry.getType().equals("@cdktf/info")
                        && String.valueOf(entry.getData()).contains("RPO 240 s (target 300 s)")),
        "the synth output names the computed RPO");
  }

  @Test
  void synthesizedStackDeploysWhatTheFormulaAssumes() {
    Synthesized stack = Synthesized.defaults();
    // Alias records, so the load balancer's fixed 60 s TTL is the one resolvers cache.
    stack
        .resources("aws_route53_record")
        .forEach(
            (name, record) -> {
              assertTrue(record.has("alias"), name + " is an alias record");
              assertFalse(record.has("ttl"), name + " sets no TTL of its own");
            });
    stack
        .resources("aws_autoscaling_group")
        .forEach(
            (name, group) ->
                assertEquals(
                    RecoveryObjectives.HEALTH_CHECK_GRACE_PERIOD_SECONDS,
                    group.path("health_check_grace_period").asInt(),
                    name));
    // The RPO counts one alarm period of the worst lag, breached once, plus metric delivery; and
    // a stall reported after STALL_PERIODS minutes.
    Map<String, JsonNode> alarms = stack.resources("aws_cloudwatch_metric_alarm");
    Map<String, JsonNode> latency = TfJson.named(alarms, "replication-latency");
    Map<String, JsonNode> stalled = TfJson.named(alarms, "replication-stalled");
    assertEquals(2, latency.size(), "one latency alarm per region");
    assertEquals(2, stalled.size(), "one stall alarm per region");
    latency.forEach(
        (name, body) -> {
          assertEquals("Maximum", TfJson.at(body, "metric_query.0.metric.stat").asText(), name);
          assertEquals(
              RecoveryObjectives.REPLICATION_ALARM_PERIOD_SECONDS,
              TfJson.at(body, "metric_query.0.metric.period").asInt(),
              name);
          assertEquals(1, body.path("evaluation_periods").asInt(), name);
          assertEquals(1, body.path("datapoints_to_alarm").asInt(), name);
          assertEquals(
              stack.config().alerting().replicationLatencyThresholdMs(),
              body.path("threshold").asInt(),
              name);
        });
    stalled.forEach(
        (name, body) -> {
          assertEquals(
              RecoveryObjectives.STALL_PERIODS, body.path("evaluation_periods").asInt(), name);
          assertEquals(
              RecoveryObjectives.STALL_PERIODS, body.path("datapoints_to_alarm").asInt(), name);
        });
  }
}
