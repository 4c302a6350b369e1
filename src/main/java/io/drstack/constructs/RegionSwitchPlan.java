package io.drstack.constructs;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RehearsalSettings;
import io.drstack.config.Strategy;
import io.drstack.config.TrafficSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.Construct;

/**
 * Controlled failover and failback: an ARC Region switch plan. With a warm standby it is
 * active/passive, the primary as primary, and its workflows scale the target region's group to the
 * other's capacity and then move DNS, even while the primary still answers. With both regions
 * serving it is active/active: it shifts the traffic away from either region (the other scaled to
 * the whole load first) and returns it ({@link RegionSwitchWorkflows}). The plan's Route 53 step
 * works through health checks that ARC creates for the failover record; ARC's check for the primary
 * is one of the inputs of the primary record's calculated check ({@link FailoverRecords}), so DNS
 * still fails over by itself when the primary stops answering, and the plan moves it when it does
 * answer. Managed through the primary's provider, like Route 53; the plan itself is global. Its
 * roles are {@link RegionSwitchRoles}, its trigger {@link RegionSwitchTrigger}, its workflows
 * {@link RegionSwitchWorkflows}.
 */
public final class RegionSwitchPlan extends Construct {

  /**
   * An alarm the plan watches: ARC names it by ARN, which orders nothing, so the plan also waits
   * for the resource.
   *
   * @param name the alarm's name, the plan's key for it
   * @param arn its ARN, built in the plan's region
   * @param resource the alarm itself
   */
  public record WatchedAlarm(String name, String arn, TerraformResource resource) {}

  /**
   * Inputs of the construct.
   *
   * @param primary the primary site
   * @param secondary the secondary site
   * @param dns the failover records and their endpoint checks
   * @param healthAlarms the stack's health and replication alarms, which ARC evaluates
   * @param objectives the stack's computed objectives, from which the plan's RTO follows
   * @param settings approval, triggers, and the drill the trigger must not mistake for a failure
   * @param traffic the strategy, which decides the plan's approach, and the front door, which
   *     decides the records its Route 53 step works on
   * @param desiredCapacities the primary's and the secondary's usual instances, from which an
   *     active/active deactivation scales the staying region to the whole load
   */
  public record Props(
      Site primary,
      Site secondary,
      DnsFailover dns,
      List<WatchedAlarm> healthAlarms,
      RecoveryObjectives objectives,
      RehearsalSettings settings,
      TrafficSettings traffic,
      List<Integer> desiredCapacities) {
    public Props {
      healthAlarms = List.copyOf(healthAlarms);
      desiredCapacities = List.copyOf(desiredCapacities);
    }
  }

  /** How long the approval step waits; after it the step fails, before anything has moved. */
  public static final int APPROVAL_TIMEOUT_MINUTES = RegionSwitchWorkflows.APPROVAL_TIMEOUT_MINUTES;

  /**
   * The approach the plan is created with, {@code activeActive} when both regions serve: changing
   * it replaces the plan.
   */
  static String recoveryApproach(Strategy strategy) {
    return strategy == Strategy.ACTIVE_ACTIVE ? "activeActive" : "activePassive";
  }

  private final TerraformResource plan;
  private final String arcPrimaryCheck;
  private final Optional<String> arcSecondaryCheck;

  public RegionSwitchPlan(Construct scope, String id, Props props) {
    super(scope, id);
    Region primary = props.primary().region();
    Region secondary = props.secondary().region();
    // The provider replaces a plan when its name, approach or regions change (aws_arcregionswitch_
    // plan's schema: RequiresReplace); the name follows the other two, so a replacement has a name
    // of its own and create_before_destroy (below) never meets the old plan's name.
    List<String> regions = List.of(primary.name(), secondary.name());
    TrafficSettings traffic = props.traffic();
    String approach = recoveryApproach(traffic.strategy());
    List<String> replacedBy = new ArrayList<>(regions);
    replacedBy.add(0, approach);
    String planName = primary.names().regionSwitchPlan(replacedBy);

    List<Map<String, Object>> alarms = new ArrayList<>();
    List<TerraformResource> waitFor = new ArrayList<>();
    for (WatchedAlarm alarm : props.healthAlarms()) {
      alarms.add(associated(alarm.name(), "applicationHealth", alarm.arn()));
      waitFor.add(alarm.resource());
    }
    Role execution =
        RegionSwitchRoles.execution(
            this,
            primary,
            secondary,
            planName,
            props.healthAlarms().stream().map(WatchedAlarm::arn).toList(),
            props.dns().zoneId());
    // The secondary's group ARN carries an ID only its region knows: it crosses through SSM.
    SsmHandOff secondaryGroup =
        new SsmHandOff(
            this,
            "secondary-asg-arn",
            new SsmHandOff.Props(
                secondary,
                SsmHandOff.Kind.ASG_ARN,
                props.secondary().service().autoScalingGroupArn()));
    // With the DNS front door both regions serve through the inner latency set; with the
    // accelerator the public name's failover records still take DNS clients to one region.
    RegionSwitchWorkflows.Records records =
        traffic.activeActive() && !traffic.accelerator()
            ? RegionSwitchWorkflows.Records.latency(props.dns(), primary, secondary)
            : RegionSwitchWorkflows.Records.failover(props.dns());
    RegionSwitchWorkflows workflows =
        new RegionSwitchWorkflows(
            props.primary(),
            props.secondary(),
            props.dns().zoneId(),
            records,
            List.of(props.primary().service().autoScalingGroupArn(), secondaryGroup.value()),
            props.settings().approval()
                ? Optional.of(RegionSwitchRoles.approver(this, primary, planName).arn())
                : Optional.empty());

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", planName);
    body.put(
        "description",
        primary.names().label()
            + (traffic.activeActive()
                ? ": shift traffic away from a region and back"
                : ": controlled failover and failback"));
    body.put("execution_role", execution.arn());
    body.put("recovery_approach", approach);
    body.put("regions", regions);
    if (!traffic.activeActive()) {
      // An active/active plan has no primary (the provider's active/active example sets none).
      body.put("primary_region", primary.name());
    }
    body.put(
        "recovery_time_objective_minutes",
        RegionSwitchWorkflows.objectiveMinutes(props.objectives(), props.settings()));
    if (traffic.activeActive()) {
      int primaryDesired = props.desiredCapacities().get(0);
      int secondaryDesired = props.desiredCapacities().get(1);
      body.put(
          "workflow",
          List.of(
              workflows.deactivate(
                  primary,
                  secondary,
                  RegionSwitchWorkflows.wholeLoadPercent(secondaryDesired, primaryDesired)),
              workflows.returnTo(primary),
              workflows.deactivate(
                  secondary,
                  primary,
                  RegionSwitchWorkflows.wholeLoadPercent(primaryDesired, secondaryDesired)),
              workflows.returnTo(secondary)));
    } else {
      body.put("workflow", List.of(workflows.activate(secondary), workflows.activate(primary)));
    }
    // The trigger follows traffic on the standby: with both regions serving, traffic there is no
    // sign of a failure, and the configuration refuses the trigger (TrafficSettings).
    if (props.settings().triggers()) {
      int minutes = RegionSwitchTrigger.minutes(props.settings(), props.objectives());
      waitFor.add(RegionSwitchTrigger.alarm(this, props.secondary(), minutes));
      // Built, not referenced: the alarm is in the secondary, the plan in the primary.
      String name = RegionSwitchTrigger.alarmName(secondary);
      alarms.add(
          associated(
              name, "trigger", primary.arnIn(secondary.name(), "cloudwatch", "alarm:" + name)));
      body.put("triggers", List.of(RegionSwitchTrigger.block(secondary)));
    }
    body.put("associated_alarms", alarms);
    // ARC evaluates the plan's alarms once it exists; their ARNs alone order nothing.
    this.plan =
        EscapeHatch.create(
            this, "plan", EscapeHatch.Resource.REGION_SWITCH_PLAN, primary, body, waitFor);
    // A plan replaced takes ARC's health checks with it, and Route 53 lets a check be deleted while
    // a calculated one names it ("the future status of the health check can't be predicted", Route
    // 53 API Reference, DeleteHealthCheck): the new plan and its checks first, the combined check
    // moved to them, then the old plan goes. The name differs, as the plan's name says.
    plan.setLifecycle(TerraformResourceLifecycle.builder().createBeforeDestroy(true).build());
    // Active/passive: ARC's check for the primary moves DNS both ways. Active/active: each region
    // has one, which takes that region out.
    List<Region> checked = traffic.activeActive() ? List.of(primary, secondary) : List.of(primary);
    TerraformDataSource arcChecks =
        EscapeHatch.read(
            this,
            "arc-health-checks",
            EscapeHatch.DataSource.REGION_SWITCH_HEALTH_CHECKS,
            primary,
            Map.of("plan_arn", plan.getStringAttribute("arn")));
    arcChecks.addOverride(
        "lifecycle.postcondition",
        checked.stream()
            .map(
                region ->
                    Map.of(
                        "condition",
                        "${length(" + checksOf(region).formatted("self") + ") == 1}",
                        "error_message",
                        ARC_CHECK_MISSING.formatted(region.name())))
            .toList());
    this.arcPrimaryCheck = arcCheckOf(arcChecks, primary);
    this.arcSecondaryCheck =
        traffic.activeActive() ? Optional.of(arcCheckOf(arcChecks, secondary)) : Optional.empty();
  }

  /**
   * ARC's check for {@code region}, combined with the region's endpoint check: both must be
   * healthy. ARC allocates its checks after the plan is created; the provider (6.47) waits for them
   * when it creates a plan, not when it updates one, and its documentation says neither. The read
   * therefore holds a postcondition per region: no check for it, and the apply stops there, before
   * the calculated check that would name it changes, saying why and what to do.
   */
  private static String arcCheckOf(TerraformDataSource arcChecks, Region region) {
    return "${" + checksOf(region).formatted(arcChecks.getFqn()) + "[0]}";
  }

  private static String checksOf(Region region) {
    return "[for check in %s.health_checks : check.health_check_id if check.region == \""
        + region.name()
        + "\" && check.health_check_id != null && check.health_check_id != \"\"]";
  }

  /** The postcondition's message. */
  static final String ARC_CHECK_MISSING =
      "The Region switch plan has no Route 53 health check for %s yet: ARC allocates its checks"
          + " after the plan is created or its Route 53 step changes. Nothing that would name the"
          + " check has changed; run the deploy again in a few minutes. See help/troubleshooting.md.";

  private static Map<String, Object> associated(String name, String type, String arn) {
    return Map.of("map_block_key", name, "alarm_type", type, "resource_identifier", arn);
  }

  /** ARC's Route 53 check for the primary: the plan takes the primary out through it. */
  public String primaryHealthCheckId() {
    return arcPrimaryCheck;
  }

  /**
   * With strategy activeActive, ARC's Route 53 check for the secondary: the plan takes the
   * secondary out through it, so it is one of the inputs of the secondary's calculated check.
   */
  public Optional<String> secondaryHealthCheckId() {
    return arcSecondaryCheck;
  }

  /** The plan's ARN, which {@code aws arc-region-switch start-plan-execution} takes. */
  public String arn() {
    return plan.getStringAttribute("arn");
  }
}
