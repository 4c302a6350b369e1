package io.drstack.constructs;

import static io.drstack.support.StackJson.inlinePolicyOf;
import static io.drstack.support.StackJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.RecoveryObjectives;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** The Region switch plan: the stack's own groups, zone, record and alarms; a scoped role. */
class RegionSwitchPlanTest {
  private static final String PLAN = EscapeHatch.Resource.REGION_SWITCH_PLAN.type();

  private static Synthesized withPlan() {
    Synthesized stack = Stacks.custom();
    assertTrue(stack.config().rehearsal().regionSwitchPlan(), "the custom stack has the plan");
    return stack;
  }

  private static JsonNode plan(Synthesized stack) {
    return TfJson.only(stack.tree(), false, PLAN, "aws.primary").body();
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void thereIsAPlanOnlyWhenTheSettingAsksForOne(Synthesized stack) {
    int plans = TfJson.blocks(stack.tree(), false, PLAN).size();
    assertEquals(stack.config().rehearsal().regionSwitchPlan() ? 1 : 0, plans);
  }

  @Test
  void anActivePassivePlanOverTheStacksRegionsWithTheComputedRto() {
    Synthesized stack = withPlan();
    JsonNode plan = plan(stack);
    String primary = stack.config().primary().region();
    String secondary = stack.config().secondary().region();
    assertEquals("activePassive", plan.path("recovery_approach").asText());
    assertEquals(primary, plan.path("primary_region").asText());
    assertEquals(List.of(primary, secondary), texts(plan.path("regions")));
    int rto = RecoveryObjectives.of(stack.config()).rtoSeconds();
    assertEquals((rto + 59) / 60, plan.path("recovery_time_objective_minutes").asInt());
    assertEquals(
        "dr-region-switch-" + stack.config().environmentSuffix(), plan.path("name").asText());
  }

  @Test
  void eachRegionsWorkflowApprovesScalesTheStacksGroupsThenMovesTheStacksRecord() {
    Synthesized stack = withPlan();
    String primary = stack.config().primary().region();
    String secondary = stack.config().secondary().region();
    List<String> targets = new ArrayList<>();
    for (JsonNode workflow : plan(stack).path("workflow")) {
      assertEquals("activate", workflow.path("workflow_target_action").asText());
      targets.add(workflow.path("workflow_target_region").asText());
      JsonNode steps = workflow.path("step");
      List<String> kinds = new ArrayList<>();
      steps.forEach(step -> kinds.add(step.path("execution_block_type").asText()));
      assertEquals(List.of("ManualApproval", "EC2AutoScaling", "Route53HealthCheck"), kinds);

      JsonNode scaling = steps.path(1).path("ec2_asg_capacity_increase_config").path(0);
      assertEquals(100, scaling.path("target_percent").asInt());
      Ref primaryGroup = ref(stack, scaling.path("asg").path(0).path("arn"));
      assertEquals("aws_autoscaling_group", primaryGroup.type());
      assertEquals("aws.primary", primaryGroup.provider());
      // The secondary's group ARN crosses through SSM, read back in its own region.
      Ref secondaryGroup = ref(stack, scaling.path("asg").path(1).path("arn"));
      assertEquals("data.aws_ssm_parameter", secondaryGroup.type());
      assertEquals("aws.secondary", secondaryGroup.provider());
      assertTrue(secondaryGroup.block().path("name").asText().endsWith("/asg-arn/" + secondary));

      JsonNode dns = steps.path(2).path("route53_health_check_config").path(0);
      assertEquals(
          stack.config().dns().hostedZoneId().orElseThrow(), dns.path("hosted_zone_id").asText());
      assertEquals(stack.config().dns().recordName(), dns.path("record_name").asText());
      List<String> recordSets = new ArrayList<>();
      dns.path("record_set")
          .forEach(
              set ->
                  recordSets.add(
                      set.path("record_set_identifier").asText()
                          + "@"
                          + set.path("region").asText()));
      assertEquals(
          List.of("primary-" + primary + "@" + primary, "secondary-" + secondary + "@" + secondary),
          recordSets);
    }
    assertEquals(List.of(secondary, primary), targets, "failover and failback");
  }

  @Test
  void theTriggerFailsOverWhenThePrimarysEndpointAlarmIsRed() {
    Synthesized stack = withPlan();
    JsonNode plan = plan(stack);
    String suffix = stack.config().environmentSuffix();
    String primary = stack.config().primary().region();
    JsonNode trigger = plan.path("triggers").path(0);
    assertEquals("activate", trigger.path("action").asText());
    assertEquals(stack.config().secondary().region(), trigger.path("target_region").asText());
    JsonNode condition = trigger.path("conditions").path(0);
    assertEquals("red", condition.path("condition").asText());
    JsonNode watched = null;
    for (JsonNode alarm : plan.path("associated_alarms")) {
      // Each associated alarm is named by its own name, and its ARN ends in that name.
      String key = alarm.path("map_block_key").asText();
      assertTrue(
          alarm
              .path("resource_identifier")
              .asText()
              .endsWith(":alarm:" + key.replaceAll("-trigger$", "")),
          alarm::toString);
      if (key.equals(condition.path("associated_alarm_name").asText())) {
        watched = alarm;
      }
    }
    assertTrue(watched != null, "the trigger's alarm is associated");
    assertEquals("trigger", watched.path("alarm_type").asText());
    assertTrue(
        watched
            .path("resource_identifier")
            .asText()
            .endsWith(":alarm:dr-endpoint-down-" + primary + "-" + suffix));
  }

  @Test
  void thePrimaryRecordFollowsTheEndpointCheckAndArcsCheckTogether() {
    Synthesized stack = withPlan();
    JsonNode record =
        stack.resources("aws_route53_record").values().stream()
            .filter(r -> r.path("failover_routing_policy").path("type").asText().equals("PRIMARY"))
            .findFirst()
            .orElseThrow();
    Ref combined = ref(stack, record.path("health_check_id"));
    JsonNode check = combined.block();
    assertEquals("CALCULATED", check.path("type").asText());
    int children = check.path("child_healthchecks").size();
    assertEquals(children, check.path("child_health_threshold").asInt(), "healthy only if all are");
    Ref endpoint = ref(stack, check.path("child_healthchecks").path(0));
    assertEquals("HTTPS", endpoint.block().path("type").asText(), "the endpoint check");
    String arc = check.path("child_healthchecks").path(children - 1).asText();
    assertTrue(arc.contains("data.aws_arcregionswitch_route53_health_checks."), arc);
    assertTrue(arc.contains("check.region == \"" + stack.config().primary().region() + "\""), arc);
  }

  @Test
  void theExecutionRoleMayScaleOnlyTheStacksGroupsAndReadOnlyItsAlarmsZoneAndPlan() {
    Synthesized stack = withPlan();
    Ref role = ref(stack, plan(stack).path("execution_role"));
    JsonNode trust =
        ref(stack, role.block().path("assume_role_policy")).block().path("statement").path(0);
    assertEquals(
        "arc-region-switch.amazonaws.com",
        trust.path("principals").path(0).path("identifiers").path(0).asText());
    String suffix = stack.config().environmentSuffix();
    for (JsonNode statement : inlinePolicyOf(stack, role).path("statement")) {
      List<String> actions = texts(statement.path("actions"));
      List<String> resources = texts(statement.path("resources"));
      if (actions.contains("autoscaling:UpdateAutoScalingGroup")) {
        assertEquals(2, resources.size());
        resources.forEach(
            arn ->
                assertTrue(
                    arn.endsWith(":autoScalingGroup:*:autoScalingGroupName/dr-app-" + suffix),
                    arn));
      }
      if (resources.contains("*")) {
        assertEquals(
            List.of("autoscaling:DescribeAutoScalingGroups", "cloudwatch:GetMetricStatistics"),
            actions,
            "only calls without resource level on *");
      }
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(node -> result.add(node.asText()));
    return result;
  }
}
