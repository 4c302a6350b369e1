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
import io.drstack.support.TfJson.Block;
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
    assertEquals("dr-arc-" + stack.config().environmentSuffix(), plan.path("name").asText());
    // Renamed, it is replaced: the new one and its checks before the old one goes.
    assertTrue(plan.path("lifecycle").path("create_before_destroy").asBoolean(), plan::toString);
  }

  /**
   * The objective is what one run of a workflow takes: the approval's whole timeout (the custom
   * stack has one), the scale step with a standby of no instances (the custom stack's), ARC's check
   * reaching the DNS servers and the resolvers' TTL.
   */
  @Test
  void theObjectiveCoversTheWorkflowsApprovalScalingAndDns() {
    Synthesized stack = withPlan();
    RecoveryObjectives objectives = RecoveryObjectives.of(stack.config());
    assertEquals(0, stack.config().secondary().capacity().min());
    int seconds =
        RegionSwitchPlan.APPROVAL_TIMEOUT_MINUTES * 60
            + RecoveryObjectives.INSTANCE_LAUNCH_SECONDS
            + RecoveryObjectives.HEALTH_CHECK_GRACE_PERIOD_SECONDS
            + objectives.detectionSeconds()
            + RecoveryObjectives.STATUS_PROPAGATION_SECONDS
            + RecoveryObjectives.ALIAS_TTL_SECONDS;
    assertEquals((seconds + 59) / 60, plan(stack).path("recovery_time_objective_minutes").asInt());
    for (JsonNode workflow : plan(stack).path("workflow")) {
      JsonNode approval = workflow.path("step").path(0).path("execution_approval_config").path(0);
      assertEquals(
          RegionSwitchPlan.APPROVAL_TIMEOUT_MINUTES, approval.path("timeout_minutes").asInt());
    }
  }

  /** ARC checks the alarms when it evaluates the plan: they exist before it does. */
  @Test
  void thePlanWaitsForEveryAlarmItNames() {
    Synthesized stack = withPlan();
    Block plan = TfJson.only(stack.tree(), false, PLAN, "aws.primary");
    List<String> dependsOn = texts(plan.body().path("depends_on"));
    JsonNode alarms = plan.body().path("associated_alarms");
    assertTrue(alarms.size() > 2, alarms::toString);
    for (JsonNode alarm : alarms) {
      String name = alarm.path("map_block_key").asText();
      String address =
          stack.resources("aws_cloudwatch_metric_alarm").entrySet().stream()
              .filter(e -> e.getValue().path("alarm_name").asText().equals(name))
              .map(e -> "aws_cloudwatch_metric_alarm." + e.getKey())
              .findFirst()
              .orElseThrow(() -> new AssertionError("no alarm " + name));
      assertTrue(dependsOn.contains(address), name + " not in " + dependsOn);
      String arn = alarm.path("resource_identifier").asText();
      assertTrue(arn.endsWith(":alarm:" + name), arn);
    }
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

  /**
   * The trigger watches an alarm in the secondary, the region it activates: traffic there for
   * longer than the drill keeps the primary's instances stopped, plus some minutes, every minute of
   * them. It needs nothing of the primary's region or us-east-1, and neither a drill nor a noisy
   * minute turns it red.
   */
  @Test
  void theTriggerFollowsTrafficOnTheSecondaryForLongerThanAnyDrill() {
    Synthesized stack = withPlan();
    JsonNode plan = plan(stack);
    String secondary = stack.config().secondary().region();
    JsonNode trigger = plan.path("triggers").path(0);
    assertEquals(1, plan.path("triggers").size());
    assertEquals("activate", trigger.path("action").asText());
    assertEquals(secondary, trigger.path("target_region").asText());
    assertEquals(
        RegionSwitchPlan.TRIGGER_MIN_MINUTES_BETWEEN_RUNS,
        trigger.path("min_delay_minutes_between_executions").asInt());
    assertEquals(1, trigger.path("conditions").size());
    JsonNode condition = trigger.path("conditions").path(0);
    assertEquals("red", condition.path("condition").asText());
    String name = condition.path("associated_alarm_name").asText();
    assertEquals("dr-switch-trigger-" + secondary + "-" + stack.config().environmentSuffix(), name);
    JsonNode associated = null;
    for (JsonNode alarm : plan.path("associated_alarms")) {
      if (alarm.path("map_block_key").asText().equals(name)) {
        associated = alarm;
      }
    }
    assertTrue(associated != null, "the trigger's alarm is associated");
    assertEquals("trigger", associated.path("alarm_type").asText());
    assertTrue(
        associated.path("resource_identifier").asText().contains(":cloudwatch:" + secondary + ":"));

    Block alarm =
        TfJson.blocks(stack.tree(), false, "aws_cloudwatch_metric_alarm").stream()
            .filter(b -> b.body().path("alarm_name").asText().equals(name))
            .findFirst()
            .orElseThrow();
    assertEquals("aws.secondary", alarm.provider().orElseThrow(), "in the region it activates");
    int drill = stack.config().rehearsal().drill() ? stack.config().rehearsal().drillMinutes() : 0;
    int minutes = drill + RegionSwitchPlan.TRIGGER_MINUTES_BEYOND_DRILL;
    assertTrue(minutes > drill && minutes >= 2, "longer than the drill and than one minute");
    assertEquals(minutes, alarm.body().path("evaluation_periods").asInt());
    assertEquals(minutes, alarm.body().path("datapoints_to_alarm").asInt(), "every minute");
    assertEquals("notBreaching", alarm.body().path("treat_missing_data").asText());
    assertEquals("GreaterThanUpperThreshold", alarm.body().path("comparison_operator").asText());
    JsonNode metric = alarm.body().path("metric_query").path(0).path("metric");
    assertEquals("RequestCount", metric.path("metric_name").asText());
    Ref loadBalancer = ref(stack, metric.path("dimensions").path("LoadBalancer"));
    assertEquals("aws.secondary", loadBalancer.provider(), "the secondary's own load balancer");
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
