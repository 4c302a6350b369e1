package io.drstack.constructs;

import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RehearsalSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Region switch plan's workflows. Active/passive: one to activate each region, each the manual
 * approval when there is one, the scale-up of the target region's group to the other's capacity,
 * then the move of DNS through ARC's health checks for the stack's two failover records.
 * Active/active: for each region a deactivation (shift away: the approval, the other region's group
 * scaled to carry both regions' usual load, then ARC's check for the region turned unhealthy) and
 * an activation (return: the approval, then ARC's check turned healthy again). ARC requires both
 * kinds for an active/active plan (ARC Developer Guide, "Create Region switch plan workflows").
 */
final class RegionSwitchWorkflows {

  /** How long the approval step waits; after it the step fails, before anything has moved. */
  static final int APPROVAL_TIMEOUT_MINUTES = 60;

  /**
   * The records ARC's Route 53 step works on: its checks are attached to them, one per region.
   *
   * @param name the records' name
   * @param identifiers the primary's and the secondary's set identifiers
   */
  record Records(String name, List<String> identifiers) {
    Records {
      identifiers = List.copyOf(identifiers);
    }

    /** The two failover records of the name users resolve. */
    static Records failover(DnsFailover dns) {
      return new Records(
          dns.recordName(),
          List.of(dns.primaryRecordSetIdentifier(), dns.secondaryRecordSetIdentifier()));
    }

    /**
     * The inner latency set that both regions serve through with strategy activeActive and the DNS
     * front door: {@code active.<recordName>}, each record identified by its region.
     */
    static Records latency(DnsFailover dns, Region primary, Region secondary) {
      return new Records(
          LATENCY_PREFIX + dns.recordName(), List.of(primary.name(), secondary.name()));
    }
  }

  /** What the inner latency set's name puts before the name users resolve. */
  static final String LATENCY_PREFIX = "active.";

  private final List<String> groups;
  private final String zoneId;
  private final Records records;
  private final Site primary;
  private final Site secondary;
  private final Optional<String> approverRoleArn;

  /**
   * The workflows over the two sites' groups and {@code records} in the zone {@code zoneId}.
   *
   * @param groups the ARNs of the primary's and the secondary's groups, usable in the plan's region
   * @param approverRoleArn the approver role, when the workflows start with an approval
   */
  RegionSwitchWorkflows(
      Site primary,
      Site secondary,
      String zoneId,
      Records records,
      List<String> groups,
      Optional<String> approverRoleArn) {
    this.primary = primary;
    this.secondary = secondary;
    this.zoneId = zoneId;
    this.records = records;
    this.groups = List.copyOf(groups);
    this.approverRoleArn = approverRoleArn;
  }

  /** Active/passive: the workflow that makes {@code target} the serving region. */
  Map<String, Object> activate(Region target) {
    List<Map<String, Object>> steps = new ArrayList<>();
    approverRoleArn.ifPresent(role -> steps.add(approval(role)));
    steps.add(scale(target, 100));
    steps.add(dnsStep("move-dns-to-" + target.name()));
    return workflow(
        "activate", target, "Serve from " + target.name() + ": scale it up, then move DNS", steps);
  }

  /**
   * Active/active: the workflow that shifts the traffic away from {@code leaving}. The other
   * region's group is scaled first, to {@code wholeLoadPercent} of the leaving region's instances
   * (ARC: "ceil(percentToMatch * Source Auto Scaling group capacity)", the other active Region the
   * source), so that it carries both regions' load before ARC's check takes {@code leaving} out.
   */
  Map<String, Object> deactivate(Region leaving, Region staying, int wholeLoadPercent) {
    List<Map<String, Object>> steps = new ArrayList<>();
    approverRoleArn.ifPresent(role -> steps.add(approval(role)));
    steps.add(scale(staying, wholeLoadPercent));
    steps.add(dnsStep("shift-dns-away-from-" + leaving.name()));
    return workflow(
        "deactivate",
        leaving,
        "Shift traffic away from "
            + leaving.name()
            + ": scale "
            + staying.name()
            + " to the whole load, then take "
            + leaving.name()
            + " out of DNS",
        steps);
  }

  /**
   * Active/active: the workflow that returns {@code returning} to service. It scales nothing: ARC
   * never scales a group in, and the returning region kept its own group while it was out.
   */
  Map<String, Object> returnTo(Region returning) {
    List<Map<String, Object>> steps = new ArrayList<>();
    approverRoleArn.ifPresent(role -> steps.add(approval(role)));
    steps.add(dnsStep("return-dns-to-" + returning.name()));
    return workflow(
        "activate", returning, "Return " + returning.name() + " to service in DNS", steps);
  }

  private static Map<String, Object> workflow(
      String action, Region target, String description, List<Map<String, Object>> steps) {
    return Map.of(
        "workflow_target_action",
        action,
        "workflow_target_region",
        target.name(),
        "workflow_description",
        description,
        "step",
        steps);
  }

  private static Map<String, Object> approval(String role) {
    return Map.of(
        "name",
        "approve",
        "execution_block_type",
        "ManualApproval",
        "execution_approval_config",
        List.of(Map.of("approval_role", role, "timeout_minutes", APPROVAL_TIMEOUT_MINUTES)));
  }

  private Map<String, Object> scale(Region target, int percent) {
    return Map.of(
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
                percent)));
  }

  private Map<String, Object> dnsStep(String name) {
    return Map.of(
        "name",
        name,
        "execution_block_type",
        "Route53HealthCheck",
        "route53_health_check_config",
        List.of(
            Map.of(
                "hosted_zone_id",
                zoneId,
                "record_name",
                records.name(),
                "record_set",
                List.of(
                    recordSet(records.identifiers().get(0), primary.region()),
                    recordSet(records.identifiers().get(1), secondary.region())))));
  }

  private static Map<String, Object> recordSet(String identifier, Region region) {
    return Map.of("record_set_identifier", identifier, "region", region.name());
  }

  /**
   * The percentage of the leaving region's instances that makes the staying region carry both
   * regions' usual load: {@code 100 × (staying + leaving) / leaving} desired instances, rounded
   * down, since ARC rounds the instances it asks for up (ceil(percent × leaving / 100)).
   */
  static int wholeLoadPercent(int stayingDesired, int leavingDesired) {
    int leaving = Math.max(1, leavingDesired);
    return 100 * (stayingDesired + leaving) / leaving;
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
