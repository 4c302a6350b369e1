package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.ConfigRefusals;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecoveryObjectivesTest {

  private static RecoveryObjectives objectives(Map<String, String> env) {
    return RecoveryObjectives.of(ConfigLoader.load(Map.of(), env));
  }

  private static List<String> refusal(Map<String, String> env) {
    return ConfigRefusals.refusal(Map.of(), env).problems();
  }

  @Test
  void defaultsMeetTheirTargets() {
    RecoveryObjectives defaults = objectives(Map.of());
    // 3 checks x (10 s interval + 6 s timeout) + 10 s propagation
    assertEquals(58, defaults.detectionSeconds());
    assertEquals(0, defaults.secondaryReadinessSeconds());
    // 3 minutes with errors + 60 s metric delivery + 60 s for Route 53 to read the alarm
    assertEquals(3 * 60 + 60 + 60, defaults.dataTierDetectionSeconds());
    assertEquals(300 + 60, defaults.rtoSeconds());
    // max(3000 ms threshold + 60 s alarm period + 60 s metric delivery, (2 + 1) x 60 s + 60 s)
    assertEquals(120, defaults.replicationDetectionSeconds());
    assertEquals(240, defaults.stallDetectionSeconds());
    assertEquals(240, defaults.rpoSeconds());
    assertEquals(300, ConfigLoader.load(Map.of(), Map.of()).objectives().targetRpoSeconds());
  }

  @Test
  void rpoIsNeverBelowTheStallDetection() {
    assertEquals(2, RecoveryObjectives.STALL_PERIODS);
    RecoveryObjectives low = objectives(Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "100"));
    assertEquals((2 + 1) * 60 + 60, low.stallDetectionSeconds());
    assertEquals(low.stallDetectionSeconds(), low.rpoSeconds());
  }

  @Test
  void theFormulasTermsAreThoseOfTheManual() {
    assertEquals(60, RecoveryObjectives.REPLICATION_ALARM_PERIOD_SECONDS);
    assertEquals(60, RecoveryObjectives.METRIC_DELIVERY_SECONDS);
  }

  /** Settings, and what the formulas of help/objectives.md make of them. */
  static Stream<Arguments> computedObjectives() {
    return Stream.of(
        argumentSet(
            "30 s interval: 3 x (30 + 6) + 10 s detection",
            Map.of("DR_HEALTH_CHECK_INTERVAL_SECONDS", "30"),
            new Computed(118, 0, 300 + 60, 240)),
        argumentSet(
            "10 failures of 30 s: the endpoint check is slower than the data tier",
            Map.of(
                "DR_HEALTH_CHECK_INTERVAL_SECONDS",
                "30",
                "DR_HEALTH_CHECK_FAILURE_THRESHOLD",
                "10",
                "DR_TARGET_RTO_SECONDS",
                "430"),
            new Computed(370, 0, 370 + 60, 240)),
        argumentSet(
            "failure threshold 1: one round of 30 + 6 s",
            Map.of(
                "DR_HEALTH_CHECK_INTERVAL_SECONDS", "30", "DR_HEALTH_CHECK_FAILURE_THRESHOLD", "1"),
            new Computed(36 + 10, 0, 300 + 60, 240)),
        argumentSet(
            "no secondary instance: launch, warm-up and recovery detection",
            Map.of("DR_SECONDARY_MIN_CAPACITY", "0", "DR_TARGET_RTO_SECONDS", "600"),
            new Computed(58, 60 + 120 + 58, 300 + 60 + 238, 240)),
        argumentSet(
            "targets equal to the computed values are met",
            Map.of("DR_TARGET_RTO_SECONDS", "360", "DR_TARGET_RPO_SECONDS", "240"),
            new Computed(58, 0, 360, 240)),
        argumentSet(
            "RPO: threshold + alarm period + metric delivery once above the stall detection",
            Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "200000", "DR_TARGET_RPO_SECONDS", "400"),
            new Computed(58, 0, 360, 200 + 60 + 60)),
        argumentSet(
            "the lowest promisable RPO target is the stall detection",
            Map.of(
                "DR_REPLICATION_LATENCY_THRESHOLD_MS",
                String.valueOf(RecoveryObjectives.MIN_REPLICATION_THRESHOLD_MS),
                "DR_TARGET_RPO_SECONDS",
                "240"),
            new Computed(58, 0, 360, 240)),
        rpoOfThreshold("120500", 121 + 120),
        rpoOfThreshold("121000", 121 + 120),
        rpoOfThreshold("150001", 151 + 120));
  }

  /** The RPO rounds the threshold up to whole seconds. */
  private static Arguments rpoOfThreshold(String thresholdMs, int rpo) {
    return argumentSet(
        "threshold " + thresholdMs + " ms",
        Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", thresholdMs, "DR_TARGET_RPO_SECONDS", "400"),
        new Computed(58, 0, 360, rpo));
  }

  record Computed(int detection, int secondaryReadiness, int rto, int rpo) {}

  @ParameterizedTest
  @MethodSource("computedObjectives")
  void computesTheObjectivesFromTheSettings(Map<String, String> env, Computed expected) {
    RecoveryObjectives objectives = objectives(env);
    assertEquals(
        expected,
        new Computed(
            objectives.detectionSeconds(),
            objectives.secondaryReadinessSeconds(),
            objectives.rtoSeconds(),
            objectives.rpoSeconds()));
  }

  private static final Map<String, String> ACTIVE_ACTIVE = Map.of("DR_STRATEGY", "activeActive");
  private static final Map<String, String> ACCELERATOR = Map.of("DR_FRONT_DOOR", "accelerator");

  private static Map<String, String> both(Map<String, String> first, Map<String, String> second) {
    Map<String, String> env = new java.util.HashMap<>(first);
    env.putAll(second);
    return env;
  }

  /**
   * Each strategy and front door, and what the formulas make of them: the slower way of seeing the
   * primary fail, the front door's time, the secondary's readiness.
   */
  record Combination(int detection, int frontDoor, int secondaryReadiness, int rto) {}

  static Stream<Arguments> combinations() {
    // Behind an accelerator: the load balancer's readiness check, 2 x (5 s interval + 2 s timeout);
    // the canary's path, one interval + its 5 s call timeout + that check; then the accelerator's
    // 30 s reaction and 5 s propagation.
    int readiness = 2 * (5 + 2);
    return Stream.of(
        argumentSet(
            "warmStandby behind DNS: the data tier's 300 s + the 60 s TTL",
            Map.of(),
            new Combination(300, 60, 0, 360)),
        argumentSet(
            "activeActive behind DNS: the same, nothing to warm up",
            ACTIVE_ACTIVE,
            new Combination(300, 60, 0, 360)),
        argumentSet(
            "warmStandby behind an accelerator: the canary's 5 + 2 + 14 s, + 30 + 5 s",
            ACCELERATOR,
            new Combination(5 + 2 + readiness, 30 + 5, 0, 21 + 35)),
        argumentSet(
            "activeActive behind an accelerator: under a minute with its defaults",
            both(both(ACTIVE_ACTIVE, ACCELERATOR), Map.of("DR_TARGET_RTO_SECONDS", "59")),
            new Combination(5 + 2 + readiness, 35, 0, 56)),
        argumentSet(
            "activeActive behind an accelerator, the DNS front door's canary: over a minute",
            both(both(ACTIVE_ACTIVE, ACCELERATOR), Map.of("DR_CANARY_INTERVAL_SECONDS", "10")),
            new Combination(10 + 2 + readiness, 35, 0, 61)),
        argumentSet(
            "the slowest canary behind an accelerator",
            both(ACCELERATOR, Map.of("DR_CANARY_INTERVAL_SECONDS", "30")),
            new Combination(30 + 2 + readiness, 35, 0, 81)),
        argumentSet(
            "behind an accelerator the Route 53 check's settings change nothing",
            both(
                ACCELERATOR,
                Map.of(
                    "DR_HEALTH_CHECK_INTERVAL_SECONDS", "30",
                    "DR_HEALTH_CHECK_FAILURE_THRESHOLD", "10")),
            new Combination(21, 35, 0, 56)),
        argumentSet(
            "activeActive behind DNS with slow checks: the endpoint path, no readiness",
            both(
                ACTIVE_ACTIVE,
                Map.of(
                    "DR_HEALTH_CHECK_INTERVAL_SECONDS", "30",
                    "DR_HEALTH_CHECK_FAILURE_THRESHOLD", "10",
                    "DR_TARGET_RTO_SECONDS", "430")),
            new Combination(370, 60, 0, 430)));
  }

  @ParameterizedTest
  @MethodSource("combinations")
  void computesTheObjectivesOfEachStrategyAndFrontDoor(
      Map<String, String> env, Combination expected) {
    RecoveryObjectives objectives = objectives(env);
    assertEquals(
        expected,
        new Combination(
            objectives.failureDetectionSeconds(),
            objectives.frontDoorSeconds(),
            objectives.secondaryReadinessSeconds(),
            objectives.rtoSeconds()));
    assertEquals(objectives(Map.of()).rpoSeconds(), objectives.rpoSeconds(), "RPO: the table's");
  }

  @Test
  void theAcceleratorsTermsAreThoseOfTheManual() {
    assertEquals(5, RecoveryObjectives.READINESS_INTERVAL_SECONDS);
    assertEquals(2, RecoveryObjectives.READINESS_TIMEOUT_SECONDS);
    assertEquals(2, RecoveryObjectives.READINESS_THRESHOLD);
    assertEquals(30, RecoveryObjectives.ACCELERATOR_REACTION_SECONDS);
    assertEquals(5, RecoveryObjectives.ACCELERATOR_PROPAGATION_SECONDS);
    assertEquals(14, objectives(ACCELERATOR).readinessDetectionSeconds());
    assertEquals(21, objectives(ACCELERATOR).canaryDetectionSeconds());
  }

  @Test
  void aTargetUnderAMinuteIsAcceptedWhereTheComputationMeetsIt() {
    assertTrue(Setting.TARGET_RTO_SECONDS.label().contains("targetRtoSeconds"));
    Map<String, String> defaults =
        both(both(ACTIVE_ACTIVE, ACCELERATOR), Map.of("DR_TARGET_RTO_SECONDS", "59"));
    assertEquals(59, ConfigLoader.load(Map.of(), defaults).objectives().targetRtoSeconds());
    assertEquals(56, objectives(defaults).rtoSeconds());
  }

  @Test
  void theSummaryNamesTheCombinationAndItsTerms() {
    String accelerator = objectives(both(ACTIVE_ACTIVE, ACCELERATOR)).summary();
    for (String term :
        List.of(
            "(strategy activeActive, frontDoor accelerator): RTO 56 s (target 360 s)",
            "detection 21 s (the slower of the load balancer's readiness check's 14 s and the"
                + " canary's 21 s)",
            "+ Global Accelerator reaction 30 s + its propagation 5 s",
            "+ secondary readiness 0 s (activeActive: both regions serve)")) {
      assertTrue(accelerator.contains(term), accelerator);
    }
    assertFalse(accelerator.contains("DNS TTL"), accelerator);
    String dns = objectives(Map.of()).summary();
    assertTrue(dns.contains("(strategy warmStandby, frontDoor dns): RTO 360 s"), dns);
    assertTrue(dns.contains("+ DNS TTL 60 s + secondary readiness 0 s;"), dns);
  }

  @Test
  void theManualsTableOfCombinationsShowsTheComputedValues() throws java.io.IOException {
    List<String> lines =
        java.nio.file.Files.readAllLines(java.nio.file.Path.of("help/objectives.md"));
    for (Strategy strategy : Strategy.values()) {
      for (FrontDoor frontDoor : FrontDoor.values()) {
        RecoveryObjectives objectives =
            objectives(Map.of("DR_STRATEGY", strategy.value(), "DR_FRONT_DOOR", frontDoor.value()));
        java.util.regex.Pattern row =
            java.util.regex.Pattern.compile(
                "\\| `"
                    + strategy.value()
                    + "`[^|]*\\| `"
                    + frontDoor.value()
                    + "`[^|]*\\| \\*\\*"
                    + objectives.rtoSeconds()
                    + " s\\*\\* \\|.*\\| "
                    + objectives.rpoSeconds()
                    + " s .*");
        assertEquals(
            1,
            lines.stream().filter(line -> row.matcher(line).matches()).count(),
            strategy + ", " + frontDoor + ": " + row);
      }
    }
  }

  @Test
  void theManualShowsWhatSynthPrintsWithTheDefaults() throws java.io.IOException {
    String manual = java.nio.file.Files.readString(java.nio.file.Path.of("help/objectives.md"));
    String line = "INFO [TapStackdev]: " + objectives(Map.of()).summary();
    assertTrue(manual.contains(line + "\n"), "help/objectives.md shows: " + line);
    String refusal = refusal(Map.of("DR_SECONDARY_MIN_CAPACITY", "0")).get(0);
    assertTrue(manual.contains("  - " + refusal + "\n"), "help/objectives.md shows: " + refusal);
  }

  /**
   * A missed target: the one problem names the target and its value, says what it contains and
   * leaves out what would not help.
   */
  record Shortfall(
      Map<String, String> env,
      Setting<?> target,
      String value,
      List<String> contains,
      List<String> leavesOut) {}

  static Stream<Arguments> shortfalls() {
    return Stream.of(
        argumentSet(
            "an RTO target one second short of the worst case, the data tier's",
            new Shortfall(
                Map.of("DR_TARGET_RTO_SECONDS", "359"),
                Setting.TARGET_RTO_SECONDS,
                "359",
                List.of(
                    "360 s with strategy warmStandby, frontDoor dns (detection 300 s (the slower of"
                        + " the endpoint check's 58 s and the data tier's 300 s) + DNS TTL 60 s",
                    "Raise targetRtoSeconds to 360 or more",
                    "shorten the failover: frontDoor accelerator (56 s with"
                        + " canaryIntervalSeconds 5, its default there)."),
                List.of("healthCheckIntervalSeconds", "secondaryMinCapacity", "needs canary"))),
        argumentSet(
            "slow endpoint checks against the default target",
            new Shortfall(
                Map.of(
                    "DR_HEALTH_CHECK_INTERVAL_SECONDS", "30",
                    "DR_HEALTH_CHECK_FAILURE_THRESHOLD", "10"),
                Setting.TARGET_RTO_SECONDS,
                "360",
                List.of(
                    "430 s with strategy warmStandby, frontDoor dns (detection 370 s",
                    "healthCheckIntervalSeconds 10 (now 30)",
                    "a lower healthCheckFailureThreshold (now 10)"),
                List.of())),
        argumentSet(
            "a secondary without instances against the default target",
            new Shortfall(
                Map.of("DR_SECONDARY_MIN_CAPACITY", "0"),
                Setting.TARGET_RTO_SECONDS,
                "360",
                List.of(
                    "598 s",
                    "secondary readiness 238 s",
                    "secondaryMinCapacity 1 or more (now 0, which adds 238 s)",
                    "frontDoor accelerator (56 s with canaryIntervalSeconds 5, its default there;"
                        + " needs canary true and so a running secondary)"),
                List.of())),
        argumentSet(
            "under a minute behind DNS: only the accelerator can",
            new Shortfall(
                Map.of("DR_HEALTH_CHECK_FAILURE_THRESHOLD", "1", "DR_TARGET_RTO_SECONDS", "59"),
                Setting.TARGET_RTO_SECONDS,
                "59",
                List.of(
                    "360 s",
                    "frontDoor accelerator (56 s with canaryIntervalSeconds 5, its default there)"),
                List.of("already at its fastest"))),
        argumentSet(
            "behind an accelerator, the canary's interval",
            new Shortfall(
                both(
                    both(ACTIVE_ACTIVE, ACCELERATOR),
                    Map.of("DR_CANARY_INTERVAL_SECONDS", "10", "DR_TARGET_RTO_SECONDS", "59")),
                Setting.TARGET_RTO_SECONDS,
                "59",
                List.of(
                    "61 s with strategy activeActive, frontDoor accelerator (detection 26 s",
                    "+ Global Accelerator reaction 30 s + its propagation 5 s",
                    "Raise targetRtoSeconds to 61 or more",
                    "shorten the failover: canaryIntervalSeconds 5 (now 10, which adds 5 s)."),
                List.of("frontDoor accelerator (6", "healthCheck", "DNS TTL"))),
        argumentSet(
            "no setting can shorten the failover",
            new Shortfall(
                both(both(ACTIVE_ACTIVE, ACCELERATOR), Map.of("DR_TARGET_RTO_SECONDS", "55")),
                Setting.TARGET_RTO_SECONDS,
                "55",
                List.of("56 s", "already at its fastest"),
                List.of("canaryIntervalSeconds 5 (now"))),
        // 181 s (180001 ms rounded up) + 120 s detection = 301 s, one over the default of 300.
        argumentSet(
            "a replication threshold above the RPO target",
            new Shortfall(
                Map.of("DR_REPLICATION_LATENCY_THRESHOLD_MS", "180001"),
                Setting.TARGET_RPO_SECONDS,
                "300",
                List.of(
                    "301 s (the longer of replicationLatencyThresholdMs 180001 ms + replication"
                        + " alarm detection 120 s, and the stall detection 240 s)",
                    "Raise targetRpoSeconds to 301 or more",
                    "or lower replicationLatencyThresholdMs to 180000 or less"),
                List.of())),
        // 140 s + 120 s detection = 260 s: the threshold that would meet the target.
        argumentSet(
            "an RPO target below the computed RPO names both settings",
            new Shortfall(
                Map.of(
                    "DR_REPLICATION_LATENCY_THRESHOLD_MS",
                    "150000",
                    "DR_TARGET_RPO_SECONDS",
                    "260"),
                Setting.TARGET_RPO_SECONDS,
                "260",
                List.of(
                    "270 s",
                    "Raise targetRpoSeconds to 270 or more",
                    "or lower replicationLatencyThresholdMs to 140000 or less",
                    "help/objectives.md"),
                List.of())),
        underTheStallDetection("239"),
        underTheStallDetection("120"),
        underTheStallDetection("5"));
  }

  /** Asynchronous replication cannot promise less than the stall detection. */
  private static Arguments underTheStallDetection(String target) {
    return argumentSet(
        "an RPO target of " + target + " s, under the stall detection",
        new Shortfall(
            Map.of("DR_TARGET_RPO_SECONDS", target),
            Setting.TARGET_RPO_SECONDS,
            target,
            List.of(
                "asynchronous replication cannot promise less than 240 s",
                "replicationLatencyThresholdMs 3000 ms"),
            List.of("or lower replicationLatencyThresholdMs")));
  }

  @ParameterizedTest
  @MethodSource("shortfalls")
  void refusesATargetTheSettingsCannotMeet(Shortfall shortfall) {
    List<String> problems = refusal(shortfall.env());
    assertEquals(1, problems.size(), problems::toString);
    String problem = problems.get(0);
    assertTrue(
        problem.startsWith(shortfall.target().label() + " = \"" + shortfall.value() + "\""),
        problem);
    shortfall.contains().forEach(fragment -> assertTrue(problem.contains(fragment), problem));
    shortfall.leavesOut().forEach(fragment -> assertFalse(problem.contains(fragment), problem));
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
    assertEquals(360, outputs.path("computed_rto_seconds").path("value").asInt(-1));
    assertEquals(240, outputs.path("computed_rpo_seconds").path("value").asInt(-1));
    assertTrue(
        stack.stack().getNode().getMetadata().stream()
            .anyMatch(
                entry ->
                    entry.getType().equals("@cdktf/info")
                        && String.valueOf(entry.getData()).contains("RTO 360 s (target 360 s)")),
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
