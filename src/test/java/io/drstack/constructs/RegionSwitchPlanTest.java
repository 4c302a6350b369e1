package io.drstack.constructs;

import static io.drstack.support.StackJson.inlinePolicyOf;
import static io.drstack.support.StackJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.Names;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RehearsalSettings;
import io.drstack.config.Setting;
import io.drstack.support.AllStacks;
import io.drstack.support.ConfigRefusals;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The custom stack with both regions serving: each region's group may grow to both regions' usual
   * instances, the secondary always runs, and no trigger (the configuration refuses it there).
   */
  static final Map<String, String> ACTIVE_ACTIVE_ENV = activeActive(Map.of());

  private static Map<String, String> activeActive(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Stacks.CUSTOM_ENV);
    env.put("DR_STRATEGY", "activeActive");
    env.put("DR_SECONDARY_MIN_CAPACITY", "1");
    env.put("DR_SECONDARY_MAX_CAPACITY", "6");
    env.put("DR_REGION_SWITCH_TRIGGERS", "false");
    env.putAll(more);
    return Map.copyOf(env);
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
    // Its name follows the arguments whose change replaces it, so a replacement is created, under
    // a name of its own, before the old plan goes.
    assertTrue(plan.path("lifecycle").path("create_before_destroy").asBoolean(), plan::toString);
    String name = plan.path("name").asText();
    Names names = new Names(stack.config().environmentSuffix());
    assertEquals(names.regionSwitchPlan(List.of("activePassive", primary, secondary)), name);
    assertTrue(name.startsWith("dr-" + stack.config().environmentSuffix() + "-"), name);
    assertNotEquals(names.regionSwitchPlan(List.of("activePassive", secondary, primary)), name);
    assertNotEquals(names.regionSwitchPlan(List.of("activeActive", primary, secondary)), name);
  }

  /**
   * The provider replaces a plan when its name, approach or regions change: every ordered pair of
   * accepted regions that share one region (a change of one of them) gives another name.
   */
  @Test
  void aChangeOfEitherRegionGivesThePlanAnotherName() {
    Names names = new Names("s".repeat(Names.MAX_SUFFIX_LENGTH));
    List<String> regions =
        List.of("us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-central-1");
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (String primary : regions) {
      for (String secondary : regions) {
        if (!primary.equals(secondary)) {
          String name = names.regionSwitchPlan(List.of("activePassive", primary, secondary));
          assertTrue(seen.add(name), name + " for " + primary + "/" + secondary);
          assertTrue(name.length() <= Names.REGION_SWITCH_PLAN_NAME_LIMIT, name);
        }
      }
    }
  }

  /**
   * ARC allocates its Route 53 checks after the plan exists: the read of them stops the apply, with
   * a message that says what to do, unless it has exactly one check for the primary, before the
   * calculated check that names it changes.
   */
  @Test
  void theArcChecksAreReadOnlyOnceTheCheckForThePrimaryExists() {
    Synthesized stack = withPlan();
    Block read =
        TfJson.only(
            stack.tree(),
            true,
            EscapeHatch.DataSource.REGION_SWITCH_HEALTH_CHECKS.type(),
            "aws.primary");
    JsonNode postcondition = read.body().path("lifecycle").path("postcondition");
    assertEquals(1, postcondition.size(), read.body()::toString);
    String condition = postcondition.path(0).path("condition").asText();
    String primary = stack.config().primary().region();
    assertTrue(condition.startsWith("${length([for check in self.health_checks"), condition);
    assertTrue(condition.contains("check.region == \"" + primary + "\""), condition);
    assertTrue(condition.contains("check.health_check_id != \"\""), condition);
    assertTrue(condition.endsWith(") == 1}"), condition);
    String message = postcondition.path(0).path("error_message").asText();
    assertTrue(message.contains(primary) && message.contains("run the deploy again"), message);
    // The calculated check reads the same list: only ever after the postcondition held.
    JsonNode record =
        stack.resources("aws_route53_record").values().stream()
            .filter(r -> r.path("failover_routing_policy").path("type").asText().equals("PRIMARY"))
            .findFirst()
            .orElseThrow();
    JsonNode check = ref(stack, record.path("health_check_id")).block();
    JsonNode children = check.path("child_healthchecks");
    String arc = children.path(children.size() - 1).asText();
    assertTrue(arc.contains(read.address() + ".health_checks"), arc);
    assertTrue(arc.contains("check.health_check_id != \"\""), arc);
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
      List<String> recordSets = recordSets(dns);
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
        RegionSwitchTrigger.MIN_MINUTES_BETWEEN_RUNS,
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
    int minutes =
        RegionSwitchTrigger.minutes(
            stack.config().rehearsal(), RecoveryObjectives.of(stack.config()));
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

  /**
   * No drill the configuration accepts fires the trigger: the longest (drillDurationMinutes at its
   * limit) holds traffic on the secondary for its minutes plus the tail of its end (instances
   * started again or replaced, Route 53 seeing them, resolvers' TTL), and the trigger needs more
   * minutes in a row than that. For every recorded configuration's checks, with and without the
   * drill.
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theLongestDrillTheSettingsAcceptNeverFiresTheTrigger(Synthesized stack) {
    RecoveryObjectives objectives = RecoveryObjectives.of(stack.config());
    RehearsalSettings settings = stack.config().rehearsal();
    for (int drill = 1; drill <= RehearsalSettings.MAX_DRILL_MINUTES; drill++) {
      RehearsalSettings withDrill =
          new RehearsalSettings(true, drill, true, settings.approval(), true);
      int trafficOnSecondarySeconds = drill * 60 + RegionSwitchTrigger.drillTailSeconds(objectives);
      int trigger = RegionSwitchTrigger.minutes(withDrill, objectives);
      assertTrue(
          trigger * 60 > trafficOnSecondarySeconds,
          () -> trigger + " min against " + trafficOnSecondarySeconds + " s");
      // CloudWatch evaluates at most a day of one-minute periods.
      assertTrue(trigger * 60 <= 86_400, () -> String.valueOf(trigger));
    }
    RehearsalSettings noDrill = new RehearsalSettings(false, 1, true, false, true);
    assertTrue(
        RegionSwitchTrigger.minutes(noDrill, objectives) * 60
            > RegionSwitchTrigger.drillTailSeconds(objectives),
        "a drill started by hand, at most its tail");
    // The tail covers a replacement instance passing its checks and Route 53 seeing it again.
    assertTrue(
        RegionSwitchTrigger.drillTailSeconds(objectives)
            >= RecoveryObjectives.INSTANCE_LAUNCH_SECONDS
                + RecoveryObjectives.HEALTH_CHECK_GRACE_PERIOD_SECONDS
                + objectives.detectionSeconds()
                + RecoveryObjectives.ALIAS_TTL_SECONDS);
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

  /**
   * Both regions serving: an active/active plan, without a primary, under a name of its own (the
   * approach is part of it, so the replacement a change of strategy causes never meets the old
   * plan's name), with a deactivation and an activation workflow for each region (ARC requires both
   * kinds for active/active). Shifting away from a region scales the other to both regions' usual
   * instances first, then ARC's check for the leaving region takes it out of the latency set both
   * regions serve through; the return only moves DNS back.
   */
  @Test
  void anActiveActivePlanShiftsTrafficAwayFromEitherRegionAndBack() {
    Synthesized stack = Synthesized.with(ACTIVE_ACTIVE_ENV);
    JsonNode plan = plan(stack);
    String primary = stack.config().primary().region();
    String secondary = stack.config().secondary().region();
    assertEquals("activeActive", plan.path("recovery_approach").asText());
    assertTrue(plan.path("primary_region").isMissingNode(), plan::toString);
    Names names = new Names(stack.config().environmentSuffix());
    assertEquals(
        names.regionSwitchPlan(List.of("activeActive", primary, secondary)),
        plan.path("name").asText());
    assertTrue(plan.path("triggers").isMissingNode(), "no trigger with both regions serving");

    List<String> workflows = new ArrayList<>();
    String latencySet = "active." + stack.config().dns().recordName();
    int primaryDesired = stack.config().primary().capacity().desired();
    int secondaryDesired = stack.config().secondary().capacity().desired();
    for (JsonNode workflow : plan.path("workflow")) {
      String action = workflow.path("workflow_target_action").asText();
      String target = workflow.path("workflow_target_region").asText();
      workflows.add(action + "@" + target);
      JsonNode steps = workflow.path("step");
      List<String> kinds = new ArrayList<>();
      steps.forEach(step -> kinds.add(step.path("execution_block_type").asText()));
      JsonNode dns = steps.path(steps.size() - 1).path("route53_health_check_config").path(0);
      assertEquals(latencySet, dns.path("record_name").asText());
      List<String> recordSets = recordSets(dns);
      assertEquals(List.of(primary + "@" + primary, secondary + "@" + secondary), recordSets);
      if (action.equals("deactivate")) {
        assertEquals(List.of("ManualApproval", "EC2AutoScaling", "Route53HealthCheck"), kinds);
        JsonNode scaling = steps.path(1).path("ec2_asg_capacity_increase_config").path(0);
        String staying = target.equals(primary) ? secondary : primary;
        assertEquals("scale-" + staying, steps.path(1).path("name").asText());
        int leavingDesired = target.equals(primary) ? primaryDesired : secondaryDesired;
        int percent = scaling.path("target_percent").asInt();
        // ARC: ceil(percent × the leaving region's instances) = both regions' usual instances.
        assertEquals(
            primaryDesired + secondaryDesired, (percent * leavingDesired + 99) / 100, "" + percent);
      } else {
        assertEquals(List.of("ManualApproval", "Route53HealthCheck"), kinds, "nothing to scale");
      }
    }
    assertEquals(
        List.of(
            "deactivate@" + primary,
            "activate@" + primary,
            "deactivate@" + secondary,
            "activate@" + secondary),
        workflows);

    // ARC's check for each region is read once it exists, and is an input of that region's check.
    JsonNode read =
        TfJson.only(
                stack.tree(),
                true,
                EscapeHatch.DataSource.REGION_SWITCH_HEALTH_CHECKS.type(),
                "aws.primary")
            .body();
    JsonNode postconditions = read.path("lifecycle").path("postcondition");
    assertEquals(2, postconditions.size(), read::toString);
    // Behind DNS each region's check is on its record of the latency set.
    for (String region : List.of(primary, secondary)) {
      JsonNode record =
          stack.resources("aws_route53_record").values().stream()
              .filter(r -> r.path("latency_routing_policy").path("region").asText().equals(region))
              .findFirst()
              .orElseThrow();
      JsonNode children =
          ref(stack, record.path("health_check_id")).block().path("child_healthchecks");
      String arc = children.path(children.size() - 1).asText();
      assertTrue(arc.contains("check.region == \"" + region + "\""), arc);
    }
  }

  /**
   * With the accelerator, the public name's failover records still take DNS clients to one region:
   * the plan's Route 53 step works on them, whatever the strategy.
   */
  @Test
  void withTheAcceleratorThePlanMovesThePublicNamesFailoverRecords() {
    Synthesized stack = Synthesized.with(activeActive(Map.of("DR_FRONT_DOOR", "accelerator")));
    String primary = stack.config().primary().region();
    String secondary = stack.config().secondary().region();
    for (JsonNode workflow : plan(stack).path("workflow")) {
      JsonNode steps = workflow.path("step");
      JsonNode dns = steps.path(steps.size() - 1).path("route53_health_check_config").path(0);
      assertEquals(stack.config().dns().recordName(), dns.path("record_name").asText());
      assertEquals(
          "primary-" + primary,
          dns.path("record_set").path(0).path("record_set_identifier").asText());
      assertEquals(
          "secondary-" + secondary,
          dns.path("record_set").path(1).path("record_set_identifier").asText());
    }
  }

  /**
   * The percentage ARC scales the staying region by: ARC asks for ceil(percent × the leaving
   * region's instances / 100), which must be both regions' usual instances, no more.
   */
  @Test
  void theStayingRegionIsScaledToBothRegionsUsualInstances() {
    for (int staying = 1; staying <= 20; staying++) {
      for (int leaving = 1; leaving <= 20; leaving++) {
        int percent = RegionSwitchWorkflows.wholeLoadPercent(staying, leaving);
        assertEquals(
            staying + leaving,
            (percent * leaving + 99) / 100,
            staying + "/" + leaving + ": " + percent);
      }
    }
    assertEquals(200, RegionSwitchWorkflows.wholeLoadPercent(2, 2));
    assertEquals(166, RegionSwitchWorkflows.wholeLoadPercent(2, 3), "167 % of 3 would ask for 6");
  }

  /**
   * With both regions serving, traffic arriving on the secondary says nothing of a failure: the
   * trigger, which follows it, is refused, naming the setting and the reason.
   */
  @Test
  void theTriggerIsRefusedWhenBothRegionsServe() {
    Map<String, String> env = new HashMap<>(ACTIVE_ACTIVE_ENV);
    env.put("DR_REGION_SWITCH_TRIGGERS", "true");
    ConfigRefusals.assertOnlyProblem(
        Map.of(),
        env,
        Setting.REGION_SWITCH_TRIGGERS,
        "true",
        List.of("false with strategy activeActive", "says nothing of a failure"));
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(node -> result.add(node.asText()));
    return result;
  }

  /** A Route 53 step's record sets, each as {@code <set identifier>@<region>}. */
  private static List<String> recordSets(JsonNode route53Step) {
    List<String> sets = new ArrayList<>();
    route53Step
        .path("record_set")
        .forEach(
            set ->
                sets.add(
                    set.path("record_set_identifier").asText()
                        + "@"
                        + set.path("region").asText()));
    return sets;
  }
}
