package io.drstack.constructs;

import static io.drstack.support.StackJson.list;
import static io.drstack.support.StackJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Synthesized;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** {@link Alarm}: every alarm of the stack notifies its own region's topic, firing and clearing. */
class AlarmTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyAlarmNotifiesATopicOfItsOwnRegionWhenItFiresAndWhenItClears(Synthesized stack) {
    Map<String, JsonNode> alarms =
        new java.util.HashMap<>(stack.resources("aws_cloudwatch_metric_alarm"));
    assertFalse(alarms.isEmpty());
    // The failover switch pages nobody: the on-call sets it, and its region may hold no topic.
    alarms
        .values()
        .removeIf(alarm -> alarm.path("namespace").asText().equals(FailoverSwitch.NAMESPACE));
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
  void aConditionReadsAsItsRuleWhateverTheOrderOfItsParts() {
    Alarm.Condition twoOfThree =
        new Alarm.Condition(
            "GreaterThanOrEqualToThreshold", 10, 3, 2, Alarm.MissingData.NOT_BREACHING);
    assertEquals(twoOfThree, Alarm.Condition.atLeast(10).in(2).ofLast(3));
    assertEquals(twoOfThree, Alarm.Condition.atLeast(10).ofLast(3).in(2));
    assertEquals(
        new Alarm.Condition("GreaterThanThreshold", 5, 2, 2, Alarm.MissingData.BREACHING),
        Alarm.Condition.above(5).in(2).missingDataBreaches());
    assertEquals(
        new Alarm.Condition("LessThanThreshold", 1, 1, 1, Alarm.MissingData.NOT_BREACHING),
        Alarm.Condition.below(1));
    assertThrows(IllegalArgumentException.class, () -> Alarm.Condition.atLeast(1).in(3).ofLast(2));
  }
}
