package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
import static io.drstack.support.StackJson.metricsNamed;
import static io.drstack.support.StackJson.ref;
import static io.drstack.support.StackJson.regionOf;
import static io.drstack.support.StackJson.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.StackJson.Metric;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link HealthCheckAlarms}: the Route 53 health checks' alarms, in us-east-1 (where their metrics
 * are) whatever the stack's regions.
 */
class HealthCheckAlarmsTest {

  /** The alarms on a Route 53 health check's status. */
  private static List<JsonNode> healthCheckAlarms(Synthesized stack) {
    return stack.resources("aws_cloudwatch_metric_alarm").values().stream()
        .filter(a -> !metricsNamed(a, "HealthCheckStatus").isEmpty())
        .toList();
  }

  @Test
  void healthCheckAlarmsLiveInUsEast1WhenThePrimaryIsThere() {
    Synthesized stack = Synthesized.defaults();
    assertEquals("us-east-1", stack.config().primary().region());
    assertEquals(2, stack.tree().path("provider").path("aws").size(), "no extra provider needed");
    List<JsonNode> alarms = healthCheckAlarms(stack);
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
    List<JsonNode> alarms = healthCheckAlarms(stack);
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
    // The endpoint checks; the others follow alarms of their own (FailoverHealthTest).
    assertEquals(
        stack.resources("aws_route53_health_check").entrySet().stream()
            .filter(e -> e.getValue().path("type").asText().startsWith("HTTP"))
            .map(Map.Entry::getKey)
            .collect(java.util.stream.Collectors.toSet()),
        watched);
  }
}
