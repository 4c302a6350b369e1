package io.drstack.constructs;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import io.drstack.config.Names;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RehearsalSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Controlled failover and failback: an ARC Region switch plan (active/passive, the primary as
 * primary) whose workflows scale the target region's group to the other's capacity and then move
 * DNS, even while the primary still answers. The plan's Route 53 step works through health checks
 * that ARC creates for the failover record; ARC's check for the primary is one of the inputs of the
 * primary record's calculated check ({@link FailoverRecords}), so DNS still fails over by itself
 * when the primary stops answering, and the plan moves it when it does answer. Managed through the
 * primary's provider, like Route 53; the plan itself is global.
 */
public final class RegionSwitchPlan extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param primary the primary site
   * @param secondary the secondary site
   * @param dns the failover records and their endpoint checks
   * @param healthAlarmArns the stack's health and replication alarms, by their names
   * @param healthAlarms the same alarms, which the plan waits for: it names them by ARN only
   * @param objectives the stack's computed objectives, from which the plan's RTO follows
   * @param settings approval, triggers, and the drill the trigger must not mistake for a failure
   */
  public record Props(
      Site primary,
      Site secondary,
      DnsFailover dns,
      Map<String, String> healthAlarmArns,
      List<TerraformResource> healthAlarms,
      RecoveryObjectives objectives,
      RehearsalSettings settings) {}

  /** How long the approval step waits; after it the step fails, before anything has moved. */
  public static final int APPROVAL_TIMEOUT_MINUTES = 60;

  /**
   * The trigger's alarm needs traffic on the secondary for this many minutes more than a drill can
   * last: longer than a noisy minute and than any drill, so that it sees only a real failover.
   */
  public static final int TRIGGER_MINUTES_BEYOND_DRILL = 5;

  /** Between two runs the trigger starts, as ARC counts them. */
  public static final int TRIGGER_MIN_MINUTES_BETWEEN_RUNS = 60;

  private final TerraformResource plan;
  private final String arcPrimaryCheck;

  public RegionSwitchPlan(Construct scope, String id, Props props) {
    super(scope, id);
    Region primary = props.primary().region();
    Region secondary = props.secondary().region();
    Names names = primary.names();
    String planName = names.regionSwitchPlan();
    // The secondary's group ARN carries an ID only its region knows: it crosses through SSM.
    SsmHandOff secondaryGroup =
        new SsmHandOff(
            this,
            "secondary-asg-arn",
            new SsmHandOff.Props(
                secondary,
                SsmHandOff.Kind.ASG_ARN,
                props.secondary().service().autoScalingGroupArn()));
    List<String> groups =
        List.of(props.primary().service().autoScalingGroupArn(), secondaryGroup.value());

    Role execution =
        new Role(
            this,
            "execution-role",
            new Role.Props(
                primary,
                names.of("region-switch", "execution"),
                "Runs the DR stack's Region switch plan",
                // AWS documents this trust with no condition and no source ARN for Region switch
                // (ARC Developer Guide, "Plan execution role trust policy"); a source ARN
                // condition it may not satisfy would break the plan, so only the account is held.
                Role.service(primary, "arc-region-switch.amazonaws.com"),
                List.of(
                    Policy.allow(
                        "ReadThePlan",
                        List.of(
                            "arc-region-switch:GetPlan",
                            "arc-region-switch:GetPlanExecution",
                            "arc-region-switch:ListPlanExecutions"),
                        List.of(planArn(primary, planName))),
                    Policy.allow(
                        "CheckItsOwnPermissions",
                        List.of("iam:SimulatePrincipalPolicy"),
                        List.of(primary.iamArn("role/" + names.of("region-switch", "execution")))),
                    // Describe calls have no resource level.
                    Policy.allow(
                        "ReadGroupsAndMetrics",
                        List.of(
                            "autoscaling:DescribeAutoScalingGroups",
                            "cloudwatch:GetMetricStatistics"),
                        List.of("*")),
                    Policy.allow(
                        "ScaleTheStacksGroups",
                        List.of("autoscaling:UpdateAutoScalingGroup"),
                        List.of(
                            groupArns(primary, primary.name()),
                            groupArns(primary, secondary.name()))),
                    Policy.allow(
                        "ReadTheStacksAlarms",
                        List.of("cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"),
                        List.copyOf(props.healthAlarmArns().values())),
                    Policy.allow(
                        "ReadTheFailoverRecords",
                        List.of("route53:ListResourceRecordSets"),
                        List.of(
                            "arn:"
                                + primary.partition()
                                + ":route53:::hostedzone/"
                                + props.dns().zoneId())))));

    List<Map<String, Object>> firstSteps = new ArrayList<>();
    if (props.settings().approval()) {
      firstSteps.add(approvalStep(primary, names, planName));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", planName);
    body.put("description", names.label() + ": controlled failover and failback");
    body.put("execution_role", execution.arn());
    body.put("recovery_approach", "activePassive");
    body.put("regions", List.of(primary.name(), secondary.name()));
    body.put("primary_region", primary.name());
    body.put(
        "recovery_time_objective_minutes", objectiveMinutes(props.objectives(), props.settings()));
    List<Map<String, Object>> alarms = new ArrayList<>();
    props
        .healthAlarmArns()
        .forEach(
            (name, arn) ->
                alarms.add(
                    Map.of(
                        "map_block_key", name,
                        "alarm_type", "applicationHealth",
                        "resource_identifier", arn)));
    body.put(
        "workflow",
        List.of(
            workflow(secondary, firstSteps, groups, props),
            workflow(primary, firstSteps, groups, props)));
    List<TerraformResource> waitFor = new ArrayList<>(props.healthAlarms());
    if (props.settings().triggers()) {
      TerraformResource trigger = triggerAlarm(props);
      waitFor.add(trigger);
      String name = triggerAlarmName(props);
      alarms.add(
          Map.of(
              "map_block_key",
              name,
              "alarm_type",
              "trigger",
              // Built, not referenced: the alarm is in the secondary, the plan in the primary.
              "resource_identifier",
              primary.arnIn(secondary.name(), "cloudwatch", "alarm:" + name)));
      body.put(
          "triggers",
          List.of(
              Map.of(
                  "action",
                  "activate",
                  "target_region",
                  secondary.name(),
                  "description",
                  "Traffic has been on the secondary longer than any drill: scale it and hold DNS",
                  "min_delay_minutes_between_executions",
                  TRIGGER_MIN_MINUTES_BETWEEN_RUNS,
                  "conditions",
                  List.of(Map.of("associated_alarm_name", name, "condition", "red")))));
    }
    body.put("associated_alarms", alarms);
    // ARC evaluates the plan's alarms once it exists; their ARNs alone order nothing.
    this.plan =
        EscapeHatch.create(
            this, "plan", EscapeHatch.Resource.REGION_SWITCH_PLAN, primary, body, waitFor);
    // A plan replaced (a new name) takes ARC's health checks with it, and Route 53 keeps a check
    // that a calculated one names: the new plan and its checks first, the combined check moved to
    // them, then the old plan goes.
    plan.setLifecycle(TerraformResourceLifecycle.builder().createBeforeDestroy(true).build());

    // ARC's check for the primary, combined with the endpoint check: both must be healthy.
    TerraformDataSource arcChecks =
        EscapeHatch.read(
            this,
            "arc-health-checks",
            EscapeHatch.DataSource.REGION_SWITCH_HEALTH_CHECKS,
            primary,
            Map.of("plan_arn", plan.getStringAttribute("arn")));
    this.arcPrimaryCheck =
        "${[for check in "
            + arcChecks.getFqn()
            + ".health_checks : check.health_check_id if check.region == \""
            + primary.name()
            + "\"][0]}";
  }

  private Map<String, Object> workflow(
      Region target, List<Map<String, Object>> firstSteps, List<String> groups, Props props) {
    List<Map<String, Object>> steps = new ArrayList<>(firstSteps);
    steps.add(
        Map.of(
            "name",
            "scale-" + target.name(),
            "execution_block_type",
            "EC2AutoScaling",
            "ec2_asg_capacity_increase_config",
            List.of(
                Map.of(
                    "asg",
                    groups.stream().map(arn -> Map.of("arn", arn)).toList(),
                    "capacity_monitoring_approach",
                    "sampledMaxInLast24Hours",
                    "target_percent",
                    100))));
    steps.add(
        Map.of(
            "name",
            "move-dns-to-" + target.name(),
            "execution_block_type",
            "Route53HealthCheck",
            "route53_health_check_config",
            List.of(
                Map.of(
                    "hosted_zone_id", props.dns().zoneId(),
                    "record_name", props.dns().recordName(),
                    "record_set",
                        List.of(
                            recordSet(
                                props.dns().primaryRecordSetIdentifier(), props.primary().region()),
                            recordSet(
                                props.dns().secondaryRecordSetIdentifier(),
                                props.secondary().region()))))));
    return Map.of(
        "workflow_target_action",
        "activate",
        "workflow_target_region",
        target.name(),
        "workflow_description",
        "Serve from " + target.name() + ": scale it up, then move DNS",
        "step",
        steps);
  }

  /**
   * What one run of a workflow takes: the approval's wait when there is one, the scale step (ARC
   * waits for the new instances to be in service; with a standby of no instances, until one passes
   * its checks), ARC's health check reaching the DNS servers, and resolvers' cached answers.
   */
  static int objectiveMinutes(RecoveryObjectives objectives, RehearsalSettings settings) {
    int seconds =
        (settings.approval() ? APPROVAL_TIMEOUT_MINUTES * 60 : 0)
            + Math.max(
                RecoveryObjectives.INSTANCE_LAUNCH_SECONDS, objectives.secondaryReadinessSeconds())
            + RecoveryObjectives.STATUS_PROPAGATION_SECONDS
            + RecoveryObjectives.ALIAS_TTL_SECONDS;
    return (seconds + 59) / 60;
  }

  /**
   * How many consecutive minutes of traffic on the secondary start the trigger: more than the drill
   * keeps the primary's instances stopped.
   */
  public static int triggerMinutes(RehearsalSettings settings) {
    return (settings.drill() ? settings.drillMinutes() : 0) + TRIGGER_MINUTES_BEYOND_DRILL;
  }

  private static String triggerAlarmName(Props props) {
    Region secondary = props.secondary().region();
    return secondary.names().of("switch-trigger", secondary.name());
  }

  /**
   * The trigger's alarm, in the secondary, the region it activates: its load balancer has served
   * far more than usual for {@link #triggerMinutes} minutes in a row, which happens only once Route
   * 53 has moved the traffic there by itself. So the trigger follows DNS and never leads it, needs
   * nothing of the primary's region (nor of us-east-1), ignores a noisy minute, and outlasts the
   * drill, whose instances FIS starts again (or Auto Scaling replaces) before it fires.
   */
  private TerraformResource triggerAlarm(Props props) {
    Site secondary = props.secondary();
    int minutes = triggerMinutes(props.settings());
    return Alarm.onAnomaly(
        this,
        "trigger-alarm",
        secondary.alarmTopic(),
        new Alarm.Identity(
            triggerAlarmName(props),
            "The secondary has served the traffic for "
                + minutes
                + " minutes in a row: the Region switch plan scales it and holds DNS there until"
                + " failback"),
        new Alarm.Metric(
            "AWS/ApplicationELB",
            "RequestCount",
            Map.of("LoadBalancer", secondary.service().loadBalancerArnSuffix()),
            "Sum"),
        4,
        Alarm.Condition.aboveBand().in(minutes));
  }

  private static Map<String, Object> recordSet(String identifier, Region region) {
    return Map.of("record_set_identifier", identifier, "region", region.name());
  }

  /** A manual approval, given by whoever may assume the approver role. */
  private Map<String, Object> approvalStep(Region primary, Names names, String planName) {
    Role approver =
        new Role(
            this,
            "approver-role",
            new Role.Props(
                primary,
                names.of("region-switch-approver"),
                "Approves steps of the DR stack's Region switch plan",
                Policy.allow("AccountPrincipalsAssumeRole", List.of("sts:AssumeRole"), List.of())
                    .principal("AWS", primary.iamArn("root")),
                List.of(
                    Policy.allow(
                        "ApproveThePlansSteps",
                        List.of(
                            "arc-region-switch:ApprovePlanExecutionStep",
                            "arc-region-switch:GetPlanExecution",
                            "arc-region-switch:ListPlanExecutions"),
                        List.of(planArn(primary, planName))))));
    return Map.of(
        "name", "approve",
        "execution_block_type", "ManualApproval",
        "execution_approval_config",
            List.of(
                Map.of(
                    "approval_role", approver.arn(), "timeout_minutes", APPROVAL_TIMEOUT_MINUTES)));
  }

  private static String planArn(Region region, String planName) {
    return "arn:"
        + region.partition()
        + ":arc-region-switch::"
        + region.accountId()
        + ":plan/"
        + planName
        + ":*";
  }

  /** The stack's group in {@code region}, whatever its ID; built in {@code from}, the plan's. */
  private static String groupArns(Region from, String region) {
    return from.arnIn(
        region, "autoscaling", "autoScalingGroup:*:autoScalingGroupName/" + from.names().of("app"));
  }

  /** ARC's Route 53 check for the primary: the plan takes the primary out through it. */
  public String primaryHealthCheckId() {
    return arcPrimaryCheck;
  }

  /** The plan's ARN, which {@code aws arc-region-switch start-plan-execution} takes. */
  public String arn() {
    return plan.getStringAttribute("arn");
  }
}
