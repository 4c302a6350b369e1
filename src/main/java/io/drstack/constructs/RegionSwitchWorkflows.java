package io.drstack.constructs;

import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RehearsalSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Region switch plan's workflows, one to activate each region: the manual approval when there
 * is one, the scale-up of the target region's group to the other's capacity, then the move of DNS
 * through ARC's health checks for the stack's two failover records.
 */
final class RegionSwitchWorkflows {

  /** How long the approval step waits; after it the step fails, before anything has moved. */
  static final int APPROVAL_TIMEOUT_MINUTES = 60;

  private final List<String> groups;
  private final DnsFailover dns;
  private final Site primary;
  private final Site secondary;
  private final Optional<String> approverRoleArn;

  /**
   * The workflows over the two sites' groups and the failover records of {@code dns}.
   *
   * @param groups the ARNs of the primary's and the secondary's groups, usable in the plan's region
   * @param approverRoleArn the approver role, when the workflows start with an approval
   */
  RegionSwitchWorkflows(
      Site primary,
      Site secondary,
      DnsFailover dns,
      List<String> groups,
      Optional<String> approverRoleArn) {
    this.primary = primary;
    this.secondary = secondary;
    this.dns = dns;
    this.groups = List.copyOf(groups);
    this.approverRoleArn = approverRoleArn;
  }

  /** The workflow that makes {@code target} the serving region. */
  Map<String, Object> activate(Region target) {
    List<Map<String, Object>> steps = new ArrayList<>();
    approverRoleArn.ifPresent(
        role ->
            steps.add(
                Map.of(
                    "name",
                    "approve",
                    "execution_block_type",
                    "ManualApproval",
                    "execution_approval_config",
                    List.of(
                        Map.of(
                            "approval_role", role, "timeout_minutes", APPROVAL_TIMEOUT_MINUTES)))));
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
                    "hosted_zone_id",
                    dns.zoneId(),
                    "record_name",
                    dns.recordName(),
                    "record_set",
                    List.of(
                        recordSet(dns.primaryRecordSetIdentifier(), primary.region()),
                        recordSet(dns.secondaryRecordSetIdentifier(), secondary.region()))))));
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
}
