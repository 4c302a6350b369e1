package io.drstack.constructs;

import static io.drstack.support.StackJson.inlinePolicyOf;
import static io.drstack.support.StackJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** The fault-injection drill: the primary's instances, the stack's alarms, a scoped role. */
class FailoverDrillTest {
  private static final String TEMPLATE = "aws_fis_experiment_template";

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void stopsThePrimarysInstancesForTheConfiguredMinutesOnlyWhenTheDrillIsOn(Synthesized stack) {
    List<Block> templates = TfJson.blocks(stack.tree(), false, TEMPLATE);
    if (!stack.config().rehearsal().drill()) {
      assertEquals(List.of(), templates, "failoverDrill false: no template");
      return;
    }
    assertEquals(1, templates.size());
    Block template = templates.get(0);
    assertEquals("aws.primary", template.provider().orElseThrow());
    JsonNode target = template.body().path("target").path(0);
    assertEquals("aws:ec2:instance", target.path("resource_type").asText());
    assertEquals("ALL", target.path("selection_mode").asText());
    // Running instances only: a stopping or terminated one (Auto Scaling replaces stopped ones)
    // would fail the action.
    assertEquals(1, target.path("filter").size(), target::toString);
    assertEquals("State.Name", target.path("filter").path(0).path("path").asText());
    assertEquals(
        List.of("running"), List.of(target.path("filter").path(0).path("values").path(0).asText()));
    assertEquals(1, target.path("filter").path(0).path("values").size());
    // Selected by a tag the stack sets on every instance of the primary's group, not by an aws:
    // tag whose support in FIS's selection is undocumented.
    JsonNode tag = target.path("resource_tag").path(0);
    assertEquals(1, target.path("resource_tag").size());
    assertEquals("Name", tag.path("key").asText());
    Ref group = ref(stack, tag.path("value"));
    assertEquals("aws_autoscaling_group", group.type());
    assertEquals("aws.primary", group.provider(), "the primary's group, never the secondary's");
    JsonNode nameTag = null;
    for (JsonNode groupTag : group.block().path("tag")) {
      if (groupTag.path("key").asText().equals("Name")) {
        nameTag = groupTag;
      }
    }
    assertTrue(nameTag != null, "the group tags its instances with a Name");
    assertEquals(group.block().path("name").asText(), nameTag.path("value").asText());
    assertTrue(nameTag.path("propagate_at_launch").asBoolean(), "on every instance it launches");

    JsonNode action = template.body().path("action").path(0);
    assertEquals("aws:ec2:stop-instances", action.path("action_id").asText());
    assertEquals(target.path("name").asText(), action.path("target").path("value").asText());
    List<String> parameters = new ArrayList<>();
    action
        .path("parameter")
        .forEach(p -> parameters.add(p.path("key").asText() + "=" + p.path("value").asText()));
    assertEquals(
        List.of(
            "startInstancesAfterDuration=PT" + stack.config().rehearsal().drillMinutes() + "M",
            "completeIfInstancesTerminated=true"),
        parameters);
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void stopsOnTheTableFailingAndOnTheStandbyFailingWhenItsAlarmIsInTheSameRegion(
      Synthesized stack) {
    List<Block> templates = TfJson.blocks(stack.tree(), false, TEMPLATE);
    if (templates.isEmpty()) {
      return;
    }
    String primary = stack.config().primary().region();
    String secondary = stack.config().secondary().region();
    String suffix = stack.config().environmentSuffix();
    List<String> alarms = new ArrayList<>();
    for (JsonNode condition : templates.get(0).body().path("stop_condition")) {
      assertEquals("aws:cloudwatch:alarm", condition.path("source").asText());
      Ref alarm = ref(stack, condition.path("value"));
      assertEquals("arn", alarm.attribute());
      assertEquals("aws.primary", alarm.provider(), "FIS reads alarms of its own region");
      alarms.add(alarm.block().path("alarm_name").asText());
    }
    List<String> expected =
        new ArrayList<>(List.of("dr-table-system-errors-" + primary + "-" + suffix));
    if (primary.equals(HealthCheckAlarms.METRICS_REGION)) {
      expected.add("dr-endpoint-down-" + secondary + "-" + suffix);
    }
    assertEquals(expected, alarms);
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void logsToAnEncryptedLogGroupAndItsRoleTouchesOnlyThePrimarysGroup(Synthesized stack) {
    List<Block> templates = TfJson.blocks(stack.tree(), false, TEMPLATE);
    if (templates.isEmpty()) {
      return;
    }
    JsonNode body = templates.get(0).body();
    JsonNode logs = body.path("log_configuration");
    assertEquals(2, logs.path("log_schema_version").asInt());
    String logGroupArn = logs.path("cloudwatch_logs_configuration").path("log_group_arn").asText();
    assertTrue(logGroupArn.endsWith(".arn}:*"), logGroupArn);
    Ref logGroup = ref(stack, TextNode.valueOf(logGroupArn.substring(0, logGroupArn.length() - 2)));
    assertEquals(
        "/dr/" + stack.config().environmentSuffix() + "/failover-drill",
        logGroup.block().path("name").asText());
    assertEquals("aws_kms_key", ref(stack, logGroup.block().path("kms_key_id")).type());

    Ref role = ref(stack, body.path("role_arn"));
    JsonNode trust = ref(stack, role.block().path("assume_role_policy")).block().path("statement");
    assertEquals(1, trust.size());
    assertEquals(
        "fis.amazonaws.com",
        trust.path(0).path("principals").path(0).path("identifiers").path(0).asText());
    assertEquals(
        "aws:SourceAccount", trust.path(0).path("condition").path(0).path("variable").asText());
    JsonNode permissions = inlinePolicyOf(stack, role);
    for (JsonNode statement : permissions.path("statement")) {
      List<String> actions = new ArrayList<>();
      statement.path("actions").forEach(a -> actions.add(a.asText()));
      if (actions.contains("ec2:StopInstances")) {
        assertEquals(List.of("ec2:StopInstances", "ec2:StartInstances"), actions);
        JsonNode condition = statement.path("condition").path(0);
        assertEquals(
            "aws:ResourceTag/" + FailoverDrill.TARGET_TAG, condition.path("variable").asText());
        assertEquals("aws_autoscaling_group", ref(stack, condition.path("values").path(0)).type());
        // A Name tag anyone may set is not enough: the instance must run with the primary's
        // instance profile, which only those who may pass the stack's role can attach.
        JsonNode profile = statement.path("condition").path(1);
        assertEquals("ArnEquals", profile.path("test").asText());
        assertEquals(FailoverDrill.INSTANCE_PROFILE_CONDITION, profile.path("variable").asText());
        String primary = stack.config().primary().region();
        String profileName = "dr-app-" + primary + "-" + stack.config().environmentSuffix();
        String arn = profile.path("values").path(0).asText();
        assertTrue(arn.startsWith("arn:"), arn);
        assertTrue(arn.endsWith(":instance-profile/" + profileName), arn);
        boolean profileExists =
            stack.resources("aws_iam_instance_profile").values().stream()
                .anyMatch(p -> p.path("name").asText().equals(profileName));
        assertTrue(profileExists, "the primary's instance profile has that name");
      }
      if (statement.path("resources").path(0).asText().equals("*")) {
        assertTrue(
            List.of(
                    "ec2:DescribeInstances",
                    "logs:CreateLogDelivery",
                    "logs:PutResourcePolicy",
                    "logs:DescribeResourcePolicies",
                    "logs:DescribeLogGroups")
                .containsAll(actions),
            () -> "only actions without resource level on *: " + actions);
      }
    }
  }

  /**
   * What the drill says it does: with a warm standby it stops the primary's instances; with both
   * regions serving it takes the primary out of service and the secondary carries everything.
   */
  @Test
  void theTemplateSaysWhatTakingThePrimaryOutMeansUnderTheStrategy() {
    String warm =
        TfJson.only(Stacks.defaults().tree(), false, TEMPLATE, "aws.primary")
            .body()
            .path("description")
            .asText();
    assertTrue(warm.endsWith("failover drill: stop the primary's instances for 10 minutes"), warm);
    Synthesized stack = Synthesized.with(RegionSwitchPlanTest.ACTIVE_ACTIVE_ENV);
    String active =
        TfJson.only(stack.tree(), false, TEMPLATE, "aws.primary")
            .body()
            .path("description")
            .asText();
    assertTrue(
        active.endsWith(
            "failover drill: take the primary out of service (stop the primary's instances for "
                + stack.config().rehearsal().drillMinutes()
                + " minutes); the secondary carries everything"),
        active);
  }
}
