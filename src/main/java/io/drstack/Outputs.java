package io.drstack;

import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.Strategy;
import io.drstack.constructs.Accelerator;
import io.drstack.constructs.Addresses;
import io.drstack.constructs.AlarmTopic;
import io.drstack.constructs.DnsFailover;
import io.drstack.constructs.FailoverRecords;
import io.drstack.constructs.FailoverSwitch;
import io.drstack.constructs.GlobalTable;
import io.drstack.constructs.Rehearsal;
import io.drstack.constructs.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * What {@code terraform output} shows after a deploy: the names, IDs and ARNs an operator needs
 * during an incident, and the recovery objectives the settings promise. Values of the secondary
 * region are the ones read back from SSM. An output that only some configurations have says so at
 * the start of its description ("Only when", "Only with"); help/outputs.md is generated from these
 * descriptions.
 */
final class Outputs extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param table the global table
   * @param primary the site that serves traffic
   * @param secondary the warm standby
   * @param failover how traffic moves between the sites
   * @param rehearsal the drill and the Region switch plan, when they are on
   * @param objectives the recovery objectives the settings promise
   */
  record Props(
      GlobalTable table,
      Site primary,
      Site secondary,
      Failover failover,
      Rehearsal rehearsal,
      RecoveryObjectives objectives) {}

  /**
   * How traffic moves between the sites.
   *
   * @param dns the zone, the endpoint checks and the name users resolve
   * @param records the failover records and the checks they follow
   * @param failoverSwitch the on-call's lever
   * @param healthCheckTopic the topic of the Route 53 health-check alarms, in us-east-1
   * @param accelerator the Global Accelerator front door, when there is one
   * @param strategy warm standby, or both regions serving: what the regions' outputs say they are
   */
  record Failover(
      DnsFailover dns,
      FailoverRecords records,
      FailoverSwitch failoverSwitch,
      AlarmTopic healthCheckTopic,
      Optional<Accelerator> accelerator,
      Strategy strategy) {}

  Outputs(Construct scope, String id, Props props) {
    super(scope, id);
    Site primary = props.primary();
    Site secondary = props.secondary();
    Failover failover = props.failover();
    DnsFailover dns = failover.dns();
    output(
        "table_name", props.table().name(), "Name of the global table, the same in both regions");
    output("table_arn", props.table().arn(), "ARN of the global table in the primary region");
    output("primary_kms_key_arn", primary.key().arn(), "Primary region's KMS key");
    output(
        "secondary_kms_key_arn",
        secondary.key().arnHandOff().value(),
        "Secondary region's KMS key, as read from SSM");
    List<String> parameters =
        new ArrayList<>(
            List.of(
                primary.key().arnHandOff().parameterName(),
                secondary.key().arnHandOff().parameterName(),
                primary.service().dnsNameHandOff().parameterName(),
                primary.service().zoneIdHandOff().parameterName(),
                secondary.service().dnsNameHandOff().parameterName(),
                secondary.service().zoneIdHandOff().parameterName()));
    props
        .failover()
        .accelerator()
        .ifPresent(
            accelerator -> parameters.add(accelerator.secondaryArnHandOff().parameterName()));
    output("ssm_parameters", parameters, "SSM parameters that carry values between regions");
    output("failover_dns_name", dns.recordName(), "The name users resolve; it fails over");
    output("hosted_zone_id", dns.zoneId(), "Route 53 zone holding the failover records");
    dns.createdZoneNameServers()
        .ifPresent(
            servers ->
                output(
                    "hosted_zone_name_servers",
                    servers,
                    "Only when the stack creates the zone (no hostedZoneId): its name servers,"
                        + " to which the parent domain delegates"));
    props
        .failover()
        .accelerator()
        .ifPresent(
            accelerator -> {
              output(
                  "accelerator_dns_name",
                  accelerator.dnsName(),
                  "Only with frontDoor accelerator: the Global Accelerator's DNS name, which the"
                      + " primary record aliases");
              output(
                  "accelerator_ip_addresses",
                  accelerator.ipAddresses(),
                  "Only with frontDoor accelerator: its two static anycast IPv4 addresses");
            });
    boolean activeActive = props.failover().strategy() == Strategy.ACTIVE_ACTIVE;
    output(
        "primary_region",
        primary.region().name(),
        activeActive
            ? "The primary of the two regions that serve traffic (the failover switch's)"
            : "Region that serves traffic");
    output(
        "secondary_region",
        secondary.region().name(),
        activeActive
            ? "The other region that serves traffic, sized to carry it all"
            : "Region of the warm standby");
    output(
        "primary_asg_name",
        primary.service().autoScalingGroupName(),
        "Auto Scaling group of the primary's instances");
    output(
        "secondary_asg_name",
        secondary.service().autoScalingGroupName(),
        "Auto Scaling group of the secondary's instances");
    output(
        "primary_alb_dns_name", primary.service().loadBalancerDnsName(), "Primary load balancer");
    output(
        "secondary_alb_dns_name",
        secondary.service().dnsNameHandOff().value(),
        "Secondary load balancer, as read from SSM");
    output("primary_health_check_id", dns.primaryHealthCheckId(), "Health check of the primary");
    output(
        "secondary_health_check_id", dns.secondaryHealthCheckId(), "Health check of the secondary");
    output(
        "primary_record_health_check_id",
        failover.records().primaryHealthCheckId(),
        "The check the primary record follows: every health input of the primary");
    output(
        "secondary_record_health_check_id",
        failover.records().secondaryHealthCheckId(),
        "The check the secondary record follows");
    output(
        "failover_switch_region",
        failover.failoverSwitch().region(),
        "Where the failover switch is pulled and released (neither us-east-1 nor the primary)");
    output(
        "failover_switch_alarm",
        failover.failoverSwitch().alarmName(),
        "The failover switch's alarm: in ALARM, the primary is held out of DNS");
    output(
        "failover_switch_dimensions",
        failover.failoverSwitch().dimensions(),
        "The --dimensions of the switch's metric, for aws cloudwatch put-metric-data");
    output(
        "primary_alarm_topic_arn", primary.alarmTopic().arn(), "Alarm topic in the primary region");
    output(
        "secondary_alarm_topic_arn",
        secondary.alarmTopic().arn(),
        "Alarm topic in the secondary region");
    output(
        "health_check_alarm_topic_arn",
        failover.healthCheckTopic().arn(),
        "Alarm topic of the Route 53 health-check alarms (us-east-1)");
    props
        .rehearsal()
        .drill()
        .ifPresent(
            drill ->
                output(
                    "failover_drill_template_id",
                    drill.templateId(),
                    "Only with failoverDrill on (the default): FIS experiment template of the"
                        + " failover drill, in the primary region"));
    props
        .rehearsal()
        .plan()
        .ifPresent(
            plan ->
                output(
                    "region_switch_plan_arn",
                    plan.arn(),
                    activeActive
                        ? "Only with regionSwitchPlan on: ARC Region switch plan (active/active)"
                            + " that shifts traffic away from a region and returns it"
                        : "Only with regionSwitchPlan on: ARC Region switch plan for controlled"
                            + " failover and failback"));
    output(
        "computed_rto_seconds",
        props.objectives().rtoSeconds(),
        "Worst-case automatic failover time computed from the settings (help/objectives.md)");
    output(
        "computed_rpo_seconds",
        props.objectives().rpoSeconds(),
        "Bound on replication lag while the ReplicationLatency alarm is OK (help/objectives.md)");
  }

  private void output(String id, Object value, String description) {
    new TerraformOutput(
        this, id, TerraformOutputConfig.builder().value(value).description(description).build());
  }
}
