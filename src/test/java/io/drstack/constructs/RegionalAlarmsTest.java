package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
import static io.drstack.support.StackJson.list;
import static io.drstack.support.StackJson.metrics;
import static io.drstack.support.StackJson.metricsNamed;
import static io.drstack.support.StackJson.otherServiceProvider;
import static io.drstack.support.StackJson.ref;
import static io.drstack.support.StackJson.regionOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.TableConsistency;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Metric;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link RegionalAlarms}: each region's alarms on its load balancer, its copy of the table and the
 * replication out of it.
 */
class RegionalAlarmsTest {

  /** Alarms of one provider that watch {@code namespace/name}. */
  private static List<JsonNode> alarmsOn(
      Synthesized stack, String provider, String namespace, String name) {
    return in(stack.resources("aws_cloudwatch_metric_alarm"), provider).values().stream()
        .filter(
            alarm ->
                metrics(alarm).stream()
                    .anyMatch(m -> m.namespace().equals(namespace) && m.name().equals(name)))
        .toList();
  }

  /** The table alarms' {@code TableName}: the table itself only where it lives, else its name. */
  private static void namesTheTable(Synthesized stack, String provider, JsonNode tableName) {
    JsonNode table = stack.resources("aws_dynamodb_table").values().iterator().next();
    if (tableName.asText().startsWith("${")) {
      Ref reference = ref(stack, tableName);
      assertEquals("aws_dynamodb_table", reference.type());
      assertEquals(provider, reference.provider(), "no reference across regions");
    } else {
      assertEquals(table.path("name").asText(), tableName.asText());
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void eachRegionAlarmsOnItsLoadBalancerAndItsCopyOfTheTable(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      List<JsonNode> errors =
          alarmsOn(stack, provider, "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count");
      assertEquals(1, errors.size(), provider + " 5xx alarm");
      List<Metric> fiveXx = new ArrayList<>(metricsNamed(errors.get(0), "HTTPCode_ELB_5XX_Count"));
      fiveXx.addAll(metricsNamed(errors.get(0), "HTTPCode_Target_5XX_Count"));
      assertEquals(2, fiveXx.size(), "the load balancer's and its targets' 5xx");
      for (Metric metric : fiveXx) {
        Ref alb = ref(stack, metric.dimensions().path("LoadBalancer"));
        assertEquals("aws_lb", alb.type());
        assertEquals("arn_suffix", alb.attribute());
        assertEquals(provider, alb.provider());
      }

      List<JsonNode> unhealthy =
          alarmsOn(stack, provider, "AWS/ApplicationELB", "UnHealthyHostCount");
      assertEquals(1, unhealthy.size(), provider + " unhealthy hosts alarm");
      Metric hosts = metricsNamed(unhealthy.get(0), "UnHealthyHostCount").get(0);
      assertEquals(provider, ref(stack, hosts.dimensions().path("LoadBalancer")).provider());
      Ref targetGroup = ref(stack, hosts.dimensions().path("TargetGroup"));
      assertEquals("aws_lb_target_group", targetGroup.type());
      assertEquals(provider, targetGroup.provider());

      for (String metric : List.of("SystemErrors", "ReadThrottleEvents", "WriteThrottleEvents")) {
        // The data tier's alarm, which moves DNS, is DataTierHealth's (FailoverHealthTest).
        List<JsonNode> alarms =
            alarmsOn(stack, provider, "AWS/DynamoDB", metric).stream()
                .filter(alarm -> !alarm.path("alarm_name").asText().contains("data-tier-down"))
                .toList();
        assertEquals(1, alarms.size(), provider + " " + metric + " alarm");
        metricsNamed(alarms.get(0), metric)
            .forEach(m -> namesTheTable(stack, provider, m.dimensions().path("TableName")));
      }
    }
  }

  /** The region's one alarm whose logical name carries {@code what}. */
  private static JsonNode alarmNamed(Synthesized stack, String provider, String what) {
    List<JsonNode> alarms =
        in(stack.resources("aws_cloudwatch_metric_alarm"), provider).entrySet().stream()
            .filter(entry -> entry.getKey().contains("_" + what + "_"))
            .map(Map.Entry::getValue)
            .toList();
    assertEquals(1, alarms.size(), provider + " " + what);
    return alarms.get(0);
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void replicationIsWatchedInBothDirectionsEachInItsSendingRegion(Synthesized stack) {
    long everywhere =
        stack.resources("aws_cloudwatch_metric_alarm").values().stream()
            .filter(a -> !metricsNamed(a, "ReplicationLatency").isEmpty())
            .count();
    if (stack.config().table().consistency() == TableConsistency.STRONG) {
      // An MRSC table publishes no ReplicationLatency: such alarms could never work.
      assertEquals(0, everywhere, "no replication alarm on a strongly consistent table");
      return;
    }
    assertEquals(4, everywhere, "a latency and a stall alarm per region, none elsewhere");
    for (String provider : SERVICE_PROVIDERS) {
      String other = otherServiceProvider(provider);
      String topic = "${" + topicOf(stack, provider) + ".arn}";
      for (String what : List.of("replication-latency", "replication-stalled")) {
        JsonNode alarm = alarmNamed(stack, provider, what);
        Metric lag = metricsNamed(alarm, "ReplicationLatency").get(0);
        assertEquals(
            regionOf(stack, other),
            lag.dimensions().path("ReceivingRegion").asText(),
            provider + " watches replication to the other region");
        namesTheTable(stack, provider, lag.dimensions().path("TableName"));
        // The worst lag of each minute: what the computed RPO assumes.
        assertEquals("Maximum", TfJson.at(alarm, "metric_query.0.metric.stat").asText());
        assertEquals(
            RecoveryObjectives.REPLICATION_ALARM_PERIOD_SECONDS,
            TfJson.at(alarm, "metric_query.0.metric.period").asInt(),
            provider);
        for (String actions : List.of("alarm_actions", "ok_actions")) {
          assertEquals(
              List.of(topic),
              list(alarm.path(actions)).stream().map(JsonNode::asText).toList(),
              provider + " " + what + " " + actions);
        }
      }

      // Latency: first breach of the threshold; a quiet minute is no lag (CloudWatch would keep
      // an AWS/DynamoDB alarm in ALARM on missing data).
      JsonNode latency = alarmNamed(stack, provider, "replication-latency");
      assertEquals("FILL(m0, 0)", expression(latency), provider);
      assertEquals(
          stack.config().alerting().replicationLatencyThresholdMs(),
          latency.path("threshold").asDouble(),
          0.0);
      assertEquals("GreaterThanThreshold", latency.path("comparison_operator").asText());
      assertEquals(1, latency.path("evaluation_periods").asInt(), provider);
      assertEquals(1, latency.path("datapoints_to_alarm").asInt(), provider);

      // Stall: writes here and no replication out, STALL_PERIODS minutes in a row.
      JsonNode stalled = alarmNamed(stack, provider, "replication-stalled");
      List<String> writeOperations =
          metricsNamed(stalled, "SuccessfulRequestLatency").stream()
              .peek(m -> namesTheTable(stack, provider, m.dimensions().path("TableName")))
              .map(m -> m.dimensions().path("Operation").asText())
              .toList();
      assertEquals(RegionalAlarms.WRITE_OPERATIONS, writeOperations, provider);
      assertEquals(
          "IF(SUM(FILL([m1, m2, m3, m4, m5], 0)) > 0 AND FILL(m0, -1) < 0, 1, 0)",
          expression(stalled),
          provider);
      assertEquals("GreaterThanOrEqualToThreshold", stalled.path("comparison_operator").asText());
      assertEquals(1, stalled.path("threshold").asInt(), provider);
      assertEquals(
          RecoveryObjectives.STALL_PERIODS, stalled.path("evaluation_periods").asInt(), provider);
      assertEquals(
          RecoveryObjectives.STALL_PERIODS, stalled.path("datapoints_to_alarm").asInt(), provider);
    }
  }

  /** The expression of the query whose data the alarm evaluates. */
  private static String expression(JsonNode alarm) {
    for (JsonNode query : list(alarm.path("metric_query"))) {
      if (query.path("return_data").asBoolean()) {
        return query.path("expression").asText();
      }
    }
    throw new AssertionError("no query returns data: " + alarm);
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void sumsOfErrorsCountAQuietMinuteAsZero(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      for (String what : List.of("alb-5xx", "table-system-errors", "table-throttles")) {
        assertEquals(
            "SUM(FILL(METRICS(), 0))",
            expression(alarmNamed(stack, provider, what)),
            provider + " " + what);
      }
    }
  }

  /** The address of the one topic in {@code provider}'s region. */
  private static String topicOf(Synthesized stack, String provider) {
    Map<String, JsonNode> topics = in(stack.resources("aws_sns_topic"), provider);
    assertEquals(1, topics.size(), provider + " topics");
    return "aws_sns_topic." + topics.keySet().iterator().next();
  }

  @Test
  void replicationThresholdFollowsTheConfiguration() {
    for (String provider : SERVICE_PROVIDERS) {
      assertEquals(
          1500,
          alarmNamed(Stacks.custom(), provider, "replication-latency").path("threshold").asInt());
      assertEquals(
          3000,
          alarmNamed(Synthesized.defaults(), provider, "replication-latency")
              .path("threshold")
              .asInt());
    }
  }

  /**
   * Paging that does not depend on us-east-1: the standby notices the traffic arriving. With both
   * regions serving, each region notices the other's traffic arriving, and says which region to
   * check.
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theStandbyAlonePagesWhenItsTrafficRisesFarAboveUsual(Synthesized stack) {
    trafficShiftAlarms(stack);
  }

  @Test
  void withBothRegionsServingEachPagesWhenTheOthersTrafficArrives() {
    Synthesized stack = Synthesized.with(RegionSwitchPlanTest.ACTIVE_ACTIVE_ENV);
    List<JsonNode> alarms = trafficShiftAlarms(stack);
    String primary = stack.config().primary().region();
    String secondary = stack.config().secondary().region();
    for (JsonNode alarm : alarms) {
      String description = alarm.path("alarm_description").asText();
      String peer = alarm.path("provider").asText().equals("aws.primary") ? secondary : primary;
      assertTrue(description.contains(peer + " is out of service"), description);
      assertFalse(description.contains("standby"), description);
    }
  }

  private static List<JsonNode> trafficShiftAlarms(Synthesized stack) {
    List<JsonNode> alarms =
        stack.resources("aws_cloudwatch_metric_alarm").values().stream()
            .filter(alarm -> alarm.path("alarm_name").asText().startsWith("dr-traffic-shift-"))
            .toList();
    boolean activeActive = stack.config().traffic().activeActive();
    List<String> sites = activeActive ? List.of("primary", "secondary") : List.of("secondary");
    assertEquals(sites.size(), alarms.size(), "one in each region that can take the other's");
    for (int i = 0; i < sites.size(); i++) {
      String site = sites.get(i);
      String region =
          site.equals("primary")
              ? stack.config().primary().region()
              : stack.config().secondary().region();
      JsonNode alarm =
          alarms.stream()
              .filter(a -> a.path("provider").asText().equals("aws." + site))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no traffic-shift alarm in " + site));
      trafficShiftAlarm(stack, alarm, site, region);
    }
    return alarms;
  }

  private static void trafficShiftAlarm(
      Synthesized stack, JsonNode alarm, String site, String region) {
    assertEquals(
        "dr-traffic-shift-" + region + "-" + stack.config().environmentSuffix(),
        alarm.path("alarm_name").asText());
    assertEquals("GreaterThanUpperThreshold", alarm.path("comparison_operator").asText());
    assertEquals("band", alarm.path("threshold_metric_id").asText());
    assertTrue(alarm.path("threshold").isMissingNode(), "a band, not a fixed threshold");
    JsonNode queries = alarm.path("metric_query");
    assertEquals("ANOMALY_DETECTION_BAND(m0, 4)", queries.path(1).path("expression").asText());
    JsonNode metric = queries.path(0).path("metric");
    assertEquals("RequestCount", metric.path("metric_name").asText());
    Ref loadBalancer = ref(stack, metric.path("dimensions").path("LoadBalancer"));
    assertEquals("aws." + site, loadBalancer.provider(), "the region's own load balancer");
    assertEquals(
        "${" + topicOf(stack, "aws." + site) + ".arn}",
        alarm.path("alarm_actions").path(0).asText());
  }
}
