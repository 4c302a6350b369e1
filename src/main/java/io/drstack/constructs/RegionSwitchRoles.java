package io.drstack.constructs;

import io.drstack.config.Names;
import java.util.List;
import software.constructs.Construct;

/**
 * The Region switch plan's two roles: the execution role ARC assumes to run the plan, held to the
 * stack's groups, alarms, record and plan; and the approver role of its manual approval step.
 */
final class RegionSwitchRoles {
  private RegionSwitchRoles() {}

  /**
   * The execution role, in {@code scope}.
   *
   * @param planName the plan's name, whose ARN the role may read
   * @param alarmArns the alarms ARC evaluates for the plan
   * @param zoneId the hosted zone of the failover records
   */
  static Role execution(
      Construct scope,
      Region primary,
      Region secondary,
      String planName,
      List<String> alarmArns,
      String zoneId) {
    Names names = primary.names();
    return new Role(
        scope,
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
                        "autoscaling:DescribeAutoScalingGroups", "cloudwatch:GetMetricStatistics"),
                    List.of("*")),
                Policy.allow(
                    "ScaleTheStacksGroups",
                    List.of("autoscaling:UpdateAutoScalingGroup"),
                    List.of(
                        groupArns(primary, primary.name()), groupArns(primary, secondary.name()))),
                Policy.allow(
                    "ReadTheStacksAlarms",
                    List.of("cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory"),
                    alarmArns),
                Policy.allow(
                    "ReadTheFailoverRecords",
                    List.of("route53:ListResourceRecordSets"),
                    List.of("arn:" + primary.partition() + ":route53:::hostedzone/" + zoneId)))));
  }

  /** The approver role: whoever may assume it approves the plan's steps. */
  static Role approver(Construct scope, Region primary, String planName) {
    Names names = primary.names();
    return new Role(
        scope,
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
  }

  /**
   * Every plan of that name: ARC appends an ID of its own to the name in the plan's ARN ({@code
   * plan/<name>:<id>}, ARC API Reference, the {@code arn} pattern).
   */
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
}
