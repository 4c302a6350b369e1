package io.drstack.constructs;

import static io.drstack.support.StackJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.RecoveryObjectives;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** What takes a region out of DNS besides its endpoint: the failover switch and its data tier. */
class FailoverHealthTest {

  /**
   * The record that carries {@code role}'s region's checks: its failover record, or with
   * activeActive behind DNS the primary's latency record (the PRIMARY record aliases the set).
   */
  private static JsonNode record(Synthesized stack, String role) {
    boolean latency =
        role.equals("PRIMARY")
            && stack.config().traffic().activeActive()
            && !stack.config().traffic().accelerator();
    String region = stack.config().primary().region();
    return stack.resources("aws_route53_record").values().stream()
        .filter(
            r ->
                latency
                    ? region.equals(r.path("latency_routing_policy").path("region").asText())
                    : role.equals(r.path("failover_routing_policy").path("type").asText()))
        .findFirst()
        .orElseThrow();
  }

  /** The checks a record's calculated check combines, each resolved to its block. */
  private static List<JsonNode> children(Synthesized stack, String role) {
    JsonNode check = ref(stack, record(stack, role).path("health_check_id")).block();
    assertEquals("CALCULATED", check.path("type").asText(), role);
    int count = check.path("child_healthchecks").size();
    assertEquals(count, check.path("child_health_threshold").asInt(), "healthy only if all are");
    List<JsonNode> children = new ArrayList<>();
    for (JsonNode child : check.path("child_healthchecks")) {
      if (!child.asText().contains("arcregionswitch")) {
        children.add(ref(stack, child).block());
      }
    }
    return children;
  }

  private static JsonNode alarmNamed(Synthesized stack, String name) {
    return stack.resources("aws_cloudwatch_metric_alarm").values().stream()
        .filter(a -> name.equals(a.path("alarm_name").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no alarm " + name));
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theSwitchHoldsThePrimaryOutFromARegionThatIsNeitherUsEast1NorThePrimary(Synthesized stack) {
    String region = stack.config().dns().failoverSwitchRegion();
    assertNotEquals("us-east-1", region);
    assertNotEquals(stack.config().primary().region(), region);
    JsonNode check =
        children(stack, "PRIMARY").stream()
            .filter(c -> c.path("cloudwatch_alarm_name").asText().contains("failover-switch"))
            .findFirst()
            .orElseThrow();
    assertEquals("CLOUDWATCH_METRIC", check.path("type").asText());
    assertEquals(region, check.path("cloudwatch_alarm_region").asText());
    assertEquals("aws.primary", check.path("provider").asText(), "Route 53 is managed there");
    // Its region unreadable: the check keeps its state; never set: healthy.
    assertEquals("LastKnownStatus", check.path("insufficient_data_health_status").asText());
    JsonNode alarm = alarmNamed(stack, check.path("cloudwatch_alarm_name").asText());
    assertEquals(
        Stacks.expectedProviderRegions(stack).get(alarm.path("provider").asText()),
        region,
        "the alarm lives in the switch region");
    // Only the on-call's datapoint moves it, and it holds until the opposite one.
    assertEquals("ignore", alarm.path("treat_missing_data").asText());
    assertEquals(FailoverSwitch.NAMESPACE, alarm.path("namespace").asText());
    assertEquals(FailoverSwitch.METRIC, alarm.path("metric_name").asText());
    assertEquals(
        stack.names().stack(), alarm.path("dimensions").path(FailoverSwitch.DIMENSION).asText());
    assertEquals("GreaterThanOrEqualToThreshold", alarm.path("comparison_operator").asText());
    assertEquals(FailoverSwitch.OUT, alarm.path("threshold").asInt());
    assertTrue(FailoverSwitch.IN < FailoverSwitch.OUT);
    assertFalse(alarm.has("metric_query"), "Route 53 reads alarms on one metric only");
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void eachRegionLeavesDnsWhenItsTableFailsAndNeverForSilence(Synthesized stack) {
    for (String role : List.of("PRIMARY", "SECONDARY")) {
      String region =
          role.equals("PRIMARY")
              ? stack.config().primary().region()
              : stack.config().secondary().region();
      List<JsonNode> children = children(stack, role);
      assertTrue(children.get(0).has("fqdn"), "the endpoint check first");
      JsonNode check =
          children.stream()
              .filter(c -> c.path("cloudwatch_alarm_name").asText().contains("data-tier-down"))
              .findFirst()
              .orElseThrow();
      assertEquals(region, check.path("cloudwatch_alarm_region").asText());
      assertEquals("Healthy", check.path("insufficient_data_health_status").asText());
      // Route 53 keeps a copy of the alarm's configuration: a change of it updates the check.
      assertTrue(
          check.path("triggers").path("alarm").asText().contains("SystemErrors"), check::toString);
      JsonNode alarm = alarmNamed(stack, check.path("cloudwatch_alarm_name").asText());
      assertEquals(
          region, Stacks.expectedProviderRegions(stack).get(alarm.path("provider").asText()));
      assertEquals("SystemErrors", alarm.path("metric_name").asText());
      assertEquals(
          Map.of(
              "TableName",
              stack.names().table(stack.config().table().consistency()),
              "Operation",
              DataTierHealth.OPERATION),
          Map.of(
              "TableName", alarm.path("dimensions").path("TableName").asText(),
              "Operation", alarm.path("dimensions").path("Operation").asText()));
      // Minutes in a row, every one of them: one noisy minute moves nothing.
      assertEquals(RecoveryObjectives.DATA_TIER_MINUTES, alarm.path("evaluation_periods").asInt());
      assertEquals(RecoveryObjectives.DATA_TIER_MINUTES, alarm.path("datapoints_to_alarm").asInt());
      assertTrue(RecoveryObjectives.DATA_TIER_MINUTES > 1, "one noisy minute moves nothing");
      assertFalse(alarm.has("metric_query"), "Route 53 reads alarms on one metric only");
      // No data (nothing writes, or DynamoDB has no errors to report): CloudWatch keeps an
      // AWS/DynamoDB alarm's state whatever is set, and the alarm says so. A check never set is
      // healthy, one that was stays so: silence neither moves traffic nor takes a region out.
      assertEquals("AWS/DynamoDB", alarm.path("namespace").asText());
      assertEquals("ignore", alarm.path("treat_missing_data").asText());
    }
  }

  /**
   * Route 53 documents how a check follows an alarm's state, not how it treats an alarm that fires
   * on M of N datapoints: every alarm behind a CLOUDWATCH_METRIC check fires on all of the periods
   * it evaluates, in every configuration.
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyAlarmARoute53CheckFollowsFiresOnEveryPeriodItEvaluates(Synthesized stack) {
    List<String> followed = new ArrayList<>();
    for (JsonNode check : stack.resources("aws_route53_health_check").values()) {
      if (!check.path("type").asText().equals("CLOUDWATCH_METRIC")) {
        continue;
      }
      JsonNode alarm = alarmNamed(stack, check.path("cloudwatch_alarm_name").asText());
      assertEquals(
          alarm.path("evaluation_periods").asInt(),
          alarm.path("datapoints_to_alarm").asInt(),
          () -> "N of N: " + alarm);
      followed.add(alarm.path("alarm_name").asText());
    }
    assertEquals(3, followed.size(), "the switch and each region's data tier: " + followed);
  }

  @Test
  void theSwitchNeedsAThirdRegionWhenTheSecondaryIsUsEast1() {
    Synthesized stack =
        Synthesized.with(
            Map.of(
                "DR_PRIMARY_REGION", "us-west-2",
                "DR_SECONDARY_REGION", "us-east-1",
                "DR_ALARM_SUBSCRIBER_WAIVED", "true"));
    assertEquals("us-east-2", stack.config().dns().failoverSwitchRegion());
    assertTrue(Stacks.expectedProviderRegions(stack).containsValue("us-east-2"));
    Ref check = ref(stack, record(stack, "PRIMARY").path("health_check_id"));
    assertEquals("CALCULATED", check.block().path("type").asText());
  }

  @Test
  void withoutASubscriberEveryPlanStopsUnlessWaived() {
    Synthesized unpaged = Synthesized.defaults();
    assertTrue(unpaged.config().alerting().nobodyPaged());
    for (JsonNode topic : unpaged.resources("aws_sns_topic").values()) {
      assertEquals(
          AlarmTopic.NOBODY_PAGED,
          topic.path("lifecycle").path("precondition").path(0).path("error_message").asText());
    }
    assertTrue(unpaged.warnings().stream().anyMatch(w -> w.contains("alarmSubscriberWaived")));
    for (Synthesized paged : List.of(Stacks.custom(), Stacks.alternative())) {
      for (JsonNode topic : paged.resources("aws_sns_topic").values()) {
        assertFalse(topic.has("lifecycle"), topic::toString);
      }
      assertTrue(paged.warnings().stream().noneMatch(w -> w.contains("alarmSubscriberWaived")));
    }
  }

  /**
   * What the switch's alarm says ALARM means: the primary out of DNS; with both regions serving,
   * out of service, the secondary carrying all the traffic.
   */
  @Test
  void theSwitchSaysWhatHoldingThePrimaryOutMeansUnderTheStrategy() {
    String warm = switchAlarm(Stacks.defaults()).path("alarm_description").asText();
    assertEquals(
        "The failover switch: in ALARM, Route 53 holds the primary out of DNS. Set only by the"
            + " on-call (help/operations.md, The failover switch)",
        warm);
    String active =
        switchAlarm(Synthesized.with(RegionSwitchPlanTest.ACTIVE_ACTIVE_ENV))
            .path("alarm_description")
            .asText();
    assertTrue(
        active.contains("the primary is out of service")
            && active.contains("the secondary carries all the traffic"),
        active);
  }

  private static JsonNode switchAlarm(Synthesized stack) {
    return stack.resources("aws_cloudwatch_metric_alarm").values().stream()
        .filter(alarm -> alarm.path("namespace").asText().equals(FailoverSwitch.NAMESPACE))
        .findFirst()
        .orElseThrow();
  }
}
