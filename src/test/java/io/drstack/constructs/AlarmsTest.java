package io.drstack.constructs;

import static io.drstack.constructs.RegionalServiceTest.SERVICE_PROVIDERS;
import static io.drstack.constructs.RegionalServiceTest.custom;
import static io.drstack.constructs.RegionalServiceTest.in;
import static io.drstack.constructs.RegionalServiceTest.list;
import static io.drstack.constructs.RegionalServiceTest.ref;
import static io.drstack.constructs.RegionalServiceTest.regionOf;
import static io.drstack.constructs.RegionalServiceTest.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscription;
import io.drstack.config.RecoveryObjectives;
import io.drstack.constructs.RegionalServiceTest.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alerting: a KMS-encrypted topic per region ({@link AlarmTopic}), the regional alarms ({@link
 * RegionalAlarms}), the Route 53 health-check alarms in us-east-1 ({@link HealthCheckAlarms}) and
 * the application log groups.
 */
class AlarmsTest {
  private static final String ALL_CONFIGS = "io.drstack.constructs.RegionalServiceTest#allConfigs";

  /** One metric an alarm watches, directly or as a term of its metric math. */
  private record Metric(String namespace, String name, JsonNode dimensions) {}

  private static List<Metric> metrics(JsonNode alarm) {
    List<Metric> result = new ArrayList<>();
    if (alarm.has("metric_name")) {
      result.add(
          new Metric(
              alarm.path("namespace").asText(),
              alarm.path("metric_name").asText(),
              alarm.path("dimensions")));
    }
    for (JsonNode query : list(alarm.path("metric_query"))) {
      JsonNode metric = query.path("metric");
      if (!metric.isMissingNode()) {
        result.add(
            new Metric(
                metric.path("namespace").asText(),
                metric.path("metric_name").asText(),
                metric.path("dimensions")));
      }
    }
    return result;
  }

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

  private static List<Metric> metricsNamed(JsonNode alarm, String name) {
    return metrics(alarm).stream().filter(m -> m.name().equals(name)).toList();
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

  private static Set<String> providersOfTopics(Synthesized stack) {
    return stack.resources("aws_sns_topic").values().stream()
        .map(t -> t.path("provider").asText())
        .collect(Collectors.toSet());
  }

  @ParameterizedTest
  @MethodSource(ALL_CONFIGS)
  void everyAlarmNotifiesATopicOfItsOwnRegionWhenItFiresAndWhenItClears(Synthesized stack) {
    Map<String, JsonNode> alarms = stack.resources("aws_cloudwatch_metric_alarm");
    assertFalse(alarms.isEmpty());
    alarms.forEach(
        (name, alarm) -> {
          String provider = alarm.path("provider").asText();
          assertFalse(provider.isEmpty(), name + " has an explicit provider");
          for (String actions : List.of("alarm_actions", "ok_actions")) {
            List<JsonNode> targets = list(alarm.path(actions));
            assertFalse(targets.isEmpty(), name + " " + actions);
            for (JsonNode target : targets) {
              Ref topic = ref(stack, target);
              assertEquals("aws_sns_topic", topic.type(), name + " " + actions);
              assertEquals("arn", topic.attribute());
              assertEquals(provider, topic.provider(), name + " notifies its own region");
            }
          }
        });
  }

  @Test
  void healthCheckAlarmsLiveInUsEast1WhenThePrimaryIsThere() {
    Synthesized stack = Synthesized.defaults();
    assertEquals("us-east-1", stack.config().primary().region());
    assertEquals(2, stack.tree().path("provider").path("aws").size(), "no extra provider needed");
    List<JsonNode> alarms =
        stack.resources("aws_cloudwatch_metric_alarm").values().stream()
            .filter(a -> !metricsNamed(a, "HealthCheckStatus").isEmpty())
            .toList();
    assertEquals(2, alarms.size());
    alarms.forEach(a -> assertEquals("aws.primary", a.path("provider").asText()));
    assertWatchesBothHealthChecks(stack, alarms);
  }

  @Test
  void healthCheckAlarmsLiveInUsEast1WhateverTheRegions() {
    Synthesized stack = Stacks.alternative();
    assertFalse(
        Set.of(stack.config().primary().region(), stack.config().secondary().region())
            .contains("us-east-1"));
    List<JsonNode> alarms =
        stack.resources("aws_cloudwatch_metric_alarm").values().stream()
            .filter(a -> !metricsNamed(a, "HealthCheckStatus").isEmpty())
            .toList();
    assertEquals(2, alarms.size());
    String provider = alarms.get(0).path("provider").asText();
    alarms.forEach(a -> assertEquals(provider, a.path("provider").asText()));
    assertEquals("us-east-1", regionOf(stack, provider));
    assertFalse(SERVICE_PROVIDERS.contains(provider), "a third provider");
    assertEquals(3, stack.tree().path("provider").path("aws").size());
    assertWatchesBothHealthChecks(stack, alarms);

    // The third region gets a key and a topic encrypted with it, and nothing else.
    JsonNode topic = single(stack, "aws_sns_topic", provider);
    Ref key = ref(stack, topic.path("kms_master_key_id"));
    assertEquals("aws_kms_key", key.type());
    assertEquals(provider, key.provider());
    Set<String> types =
        Stream.of("aws_vpc", "aws_lb", "aws_autoscaling_group", "aws_route53_health_check")
            .filter(type -> !in(stack.resources(type), provider).isEmpty())
            .collect(Collectors.toSet());
    assertEquals(Set.of(), types, "no application in the metrics region");
  }

  private static void assertWatchesBothHealthChecks(Synthesized stack, List<JsonNode> alarms) {
    Set<String> watched = new HashSet<>();
    for (JsonNode alarm : alarms) {
      Metric metric = metricsNamed(alarm, "HealthCheckStatus").get(0);
      assertEquals("AWS/Route53", metric.namespace());
      Ref check = ref(stack, metric.dimensions().path("HealthCheckId"));
      assertEquals("aws_route53_health_check", check.type());
      watched.add(check.name());
      assertEquals("LessThanThreshold", alarm.path("comparison_operator").asText());
      assertEquals(1, alarm.path("threshold").asInt());
    }
    assertEquals(stack.resources("aws_route53_health_check").keySet(), watched);
  }

  @ParameterizedTest
  @MethodSource(ALL_CONFIGS)
  void topicsAreEncryptedWithTheKeyOfTheirRegion(Synthesized stack) {
    assertEquals(
        stack.resources("aws_sns_topic").size(),
        providersOfTopics(stack).size(),
        "one topic per region");
    assertTrue(providersOfTopics(stack).containsAll(SERVICE_PROVIDERS));
    for (JsonNode topic : stack.resources("aws_sns_topic").values()) {
      Ref key = ref(stack, topic.path("kms_master_key_id"));
      assertEquals("aws_kms_key", key.type());
      assertEquals(topic.path("provider").asText(), key.provider());
    }
  }

  @ParameterizedTest
  @MethodSource(ALL_CONFIGS)
  void cloudWatchMayPublishToEachTopicAndUseItsKey(Synthesized stack) {
    for (var topic : stack.resources("aws_sns_topic").entrySet()) {
      String provider = topic.getValue().path("provider").asText();
      List<JsonNode> policies =
          stack.resources("aws_sns_topic_policy").values().stream()
              .filter(p -> ref(stack, p.path("arn")).name().equals(topic.getKey()))
              .toList();
      assertEquals(1, policies.size(), topic.getKey() + " policy");
      assertEquals(provider, policies.get(0).path("provider").asText());
      JsonNode document = ref(stack, policies.get(0).path("policy")).block();
      assertTrue(
          allows(document, "cloudwatch.amazonaws.com", "sns:Publish"),
          topic.getKey() + " lets CloudWatch alarms publish");

      // Publishing to an encrypted topic needs the key as well.
      JsonNode key = ref(stack, topic.getValue().path("kms_master_key_id")).block();
      JsonNode keyPolicy = ref(stack, key.path("policy")).block();
      assertTrue(allows(keyPolicy, "cloudwatch.amazonaws.com", "kms:GenerateDataKey*"));
      assertTrue(allows(keyPolicy, "cloudwatch.amazonaws.com", "kms:Decrypt"));
    }
  }

  private static boolean allows(JsonNode document, String service, String action) {
    return list(document.path("statement")).stream()
        .filter(s -> !"Deny".equals(s.path("effect").asText()))
        .filter(s -> list(s.path("actions")).stream().anyMatch(a -> a.asText().equals(action)))
        .anyMatch(
            s ->
                list(s.path("principals")).stream()
                    .anyMatch(
                        p ->
                            "Service".equals(p.path("type").asText())
                                && list(p.path("identifiers")).stream()
                                    .anyMatch(i -> i.asText().equals(service))));
  }

  @Test
  void nobodyIsSubscribedUnlessAnAddressIsConfigured() {
    assertTrue(Synthesized.defaults().config().alerting().email().isEmpty());
    assertTrue(Synthesized.defaults().resources("aws_sns_topic_subscription").isEmpty());
    assertTrue(Stacks.alternative().resources("aws_sns_topic_subscription").isEmpty());
  }

  @Test
  void theConfiguredAddressIsSubscribedToEveryTopic() {
    Synthesized stack = custom();
    String email = stack.config().alerting().email().orElseThrow();
    Map<String, JsonNode> subscriptions = stack.resources("aws_sns_topic_subscription");
    assertEquals(stack.resources("aws_sns_topic").keySet().size(), subscriptions.size());
    Set<String> subscribed = new HashSet<>();
    for (JsonNode subscription : subscriptions.values()) {
      Ref topic = ref(stack, subscription.path("topic_arn"));
      assertEquals("aws_sns_topic", topic.type());
      assertEquals(topic.provider(), subscription.path("provider").asText());
      subscribed.add(topic.name());
    }
    assertEquals(stack.resources("aws_sns_topic").keySet(), subscribed);
    for (String provider : SERVICE_PROVIDERS) {
      assertTrue(
          Testing.toHaveResourceWithProperties(
              stack.json(),
              SnsTopicSubscription.TF_RESOURCE_TYPE,
              Map.of("provider", provider, "protocol", "email", "endpoint", email)));
    }
  }

  @ParameterizedTest
  @MethodSource(ALL_CONFIGS)
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
        List<JsonNode> alarms = alarmsOn(stack, provider, "AWS/DynamoDB", metric);
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
  @MethodSource(ALL_CONFIGS)
  void replicationIsWatchedInBothDirectionsEachInItsSendingRegion(Synthesized stack) {
    long everywhere =
        stack.resources("aws_cloudwatch_metric_alarm").values().stream()
            .filter(a -> !metricsNamed(a, "ReplicationLatency").isEmpty())
            .count();
    assertEquals(4, everywhere, "a latency and a stall alarm per region, none elsewhere");
    for (String provider : SERVICE_PROVIDERS) {
      String other = provider.equals("aws.primary") ? "aws.secondary" : "aws.primary";
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
  @MethodSource(ALL_CONFIGS)
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
          1500, alarmNamed(custom(), provider, "replication-latency").path("threshold").asInt());
      assertEquals(
          3000,
          alarmNamed(Synthesized.defaults(), provider, "replication-latency")
              .path("threshold")
              .asInt());
    }
  }

  @ParameterizedTest
  @MethodSource(ALL_CONFIGS)
  void logGroupsAreEncryptedWithTheirRegionsKeyAndKeptAsConfigured(Synthesized stack) {
    int retention = stack.config().alerting().logRetentionDays();
    for (String provider : SERVICE_PROVIDERS) {
      Map<String, JsonNode> groups = in(stack.resources("aws_cloudwatch_log_group"), provider);
      assertFalse(groups.isEmpty(), provider + " log group");
      groups.forEach(
          (name, group) -> {
            assertEquals(retention, group.path("retention_in_days").asInt(), name);
            Ref key = ref(stack, group.path("kms_key_id"));
            assertEquals("aws_kms_key", key.type());
            assertEquals("arn", key.attribute());
            assertEquals(provider, key.provider(), name + " uses its region's key");
          });
      assertTrue(
          Testing.toHaveResourceWithProperties(
              stack.json(),
              CloudwatchLogGroup.TF_RESOURCE_TYPE,
              Map.of("provider", provider, "retention_in_days", retention)));
    }
  }
}
