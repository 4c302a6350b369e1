package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.Synthesized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
    assertEquals(3, defaults.rpoSeconds());
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

  @Test
  void rpoRoundsTheThresholdUpToWholeSeconds() {
    assertEquals(4, objectives(Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "3500")).rpoSeconds());
    assertEquals(1, objectives(Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "100")).rpoSeconds());
    assertEquals(5, objectives(Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "5000")).rpoSeconds());
  }

  @Test
  void targetsEqualToTheComputedValuesAreMet() {
    assertEquals(
        118,
        objectives(Map.of("DR_TARGET_RTO_SECONDS", "118", "DR_TARGET_RPO_SECONDS", "3"))
            .rtoSeconds());
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
    List<String> problems = refusal(Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "5001"));
    assertEquals(1, problems.size(), problems::toString);
    String problem = problems.get(0);
    assertTrue(problem.startsWith(Setting.TARGET_RPO_SECONDS.label() + " = \"5\""), problem);
    assertTrue(problem.contains("6 s (replicationLatencyThresholdMs is 5001 ms)"), problem);
    assertTrue(problem.contains("Lower replicationLatencyThresholdMs to 5000 or less"), problem);
    assertTrue(problem.contains("raise targetRpoSeconds to 6 or more"), problem);
  }

  @Test
  void reportsBothMissedTargetsAtOnce() {
    List<String> problems =
        refusal(
            Map.of("DR_TARGET_RTO_SECONDS", "100", "DR_REPLICATION_LATENCY_THRESHOLD_MS", "9000"));
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
    assertEquals(3, outputs.path("computed_rpo_seconds").path("value").asInt(-1));
    assertTrue(
        stack.stack().getNode().getMetadata().stream()
            .anyMatch(
                entry ->
                    entry.getType().equals("@cdktf/info")
                        && String.valueOf(entry.getData()).contains("RTO 118 s (target 120 s)")),
        "the synth output names the computed RTO");
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
  }
}
