package io.drstack.constructs;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformResource;
import io.drstack.config.Names;
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
   * @param healthAlarmArns the stack's health and replication alarms, by a short name
   * @param primaryDownAlarm the short name (in {@code healthAlarmArns}) of the alarm that a trigger
   *     watches
   * @param rtoSeconds the computed RTO, the plan's objective
   * @param settings approval and triggers
   */
  public record Props(
      Site primary,
      Site secondary,
      DnsFailover dns,
      Map<String, String> healthAlarmArns,
      String primaryDownAlarm,
      int rtoSeconds,
      RehearsalSettings settings) {}

  private final TerraformResource plan;
  private final String arcPrimaryCheck;

  public RegionSwitchPlan(Construct scope, String id, Props props) {
    super(scope, id);
    Region primary = props.primary().region();
    Region secondary = props.secondary().region();
    Names names = primary.names();
    String planName = names.of("region-switch");
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
    body.put("recovery_time_objective_minutes", (props.rtoSeconds() + 59) / 60);
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
    if (props.settings().triggers()) {
      String trigger = props.primaryDownAlarm() + "-trigger";
      alarms.add(
          Map.of(
              "map_block_key",
              trigger,
              "alarm_type",
              "trigger",
              "resource_identifier",
              props.healthAlarmArns().get(props.primaryDownAlarm())));
      body.put(
          "triggers",
          List.of(
              Map.of(
                  "action",
                  "activate",
                  "target_region",
                  secondary.name(),
                  "description",
                  "The primary's endpoint is down: fail over",
                  "min_delay_minutes_between_executions",
                  60,
                  "conditions",
                  List.of(Map.of("associated_alarm_name", trigger, "condition", "red")))));
    }
    body.put("associated_alarms", alarms);
    this.plan =
        EscapeHatch.create(this, "plan", EscapeHatch.Resource.REGION_SWITCH_PLAN, primary, body);

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
            List.of(Map.of("approval_role", approver.arn(), "timeout_minutes", 60)));
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
