package io.drstack.constructs;

import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RehearsalSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.Construct;

/**
 * Controlled failover and failback: an ARC Region switch plan (active/passive, the primary as
 * primary) whose workflows scale the target region's group to the other's capacity and then move
 * DNS, even while the primary still answers. The plan's Route 53 step works through health checks
 * that ARC creates for the failover record; ARC's check for the primary is one of the inputs of the
 * primary record's calculated check ({@link FailoverRecords}), so DNS still fails over by itself
 * when the primary stops answering, and the plan moves it when it does answer. Managed through the
 * primary's provider, like Route 53; the plan itself is global. Its roles are {@link
 * RegionSwitchRoles}, its trigger {@link RegionSwitchTrigger}, its workflows {@link
 * RegionSwitchWorkflows}.
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
   */
  public record Props(
      Site primary,
      Site secondary,
      DnsFailover dns,
      List<WatchedAlarm> healthAlarms,
      RecoveryObjectives objectives,
      RehearsalSettings settings) {
    public Props {
      healthAlarms = List.copyOf(healthAlarms);
    }
  }

  /** How long the approval step waits; after it the step fails, before anything has moved. */
  public static final int APPROVAL_TIMEOUT_MINUTES = RegionSwitchWorkflows.APPROVAL_TIMEOUT_MINUTES;

  /** The approach the plan is created with: changing it replaces the plan. */
  static final String RECOVERY_APPROACH = "activePassive";

  private final TerraformResource plan;
  private final String arcPrimaryCheck;

  public RegionSwitchPlan(Construct scope, String id, Props props) {
    super(scope, id);
    Region primary = props.primary().region();
    Region secondary = props.secondary().region();
    // The provider replaces a plan when its name, approach or regions change (aws_arcregionswitch_
    // plan's schema: RequiresReplace); the name follows the other two, so a replacement has a name
    // of its own and create_before_destroy (below) never meets the old plan's name.
    List<String> regions = List.of(primary.name(), secondary.name());
    List<String> replacedBy = new ArrayList<>(regions);
    replacedBy.add(0, RECOVERY_APPROACH);
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
    RegionSwitchWorkflows workflows =
        new RegionSwitchWorkflows(
            props.primary(),
            props.secondary(),
            props.dns(),
            List.of(props.primary().service().autoScalingGroupArn(), secondaryGroup.value()),
            props.settings().approval()
                ? Optional.of(RegionSwitchRoles.approver(this, primary, planName).arn())
                : Optional.empty());

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", planName);
    body.put("description", primary.names().label() + ": controlled failover and failback");
    body.put("execution_role", execution.arn());
    body.put("recovery_approach", RECOVERY_APPROACH);
    body.put("regions", regions);
    body.put("primary_region", primary.name());
    body.put(
        "recovery_time_objective_minutes",
        RegionSwitchWorkflows.objectiveMinutes(props.objectives(), props.settings()));
    body.put("workflow", List.of(workflows.activate(secondary), workflows.activate(primary)));
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
    this.arcPrimaryCheck = arcCheckOf(primary);
  }

  /**
   * ARC's check for the primary, combined with the endpoint check: both must be healthy. ARC
   * allocates its checks after the plan is created; the provider (6.47) waits for them when it
   * creates a plan, not when it updates one, and its documentation says neither. The read therefore
   * holds a postcondition: no check for the primary, and the apply stops there, before the
   * calculated check that would name it changes, saying why and what to do.
   */
  private String arcCheckOf(Region primary) {
    TerraformDataSource arcChecks =
        EscapeHatch.read(
            this,
            "arc-health-checks",
            EscapeHatch.DataSource.REGION_SWITCH_HEALTH_CHECKS,
            primary,
            Map.of("plan_arn", plan.getStringAttribute("arn")));
    String primaryChecks =
        "[for check in %s.health_checks : check.health_check_id if check.region == \""
            + primary.name()
            + "\" && check.health_check_id != null && check.health_check_id != \"\"]";
    arcChecks.addOverride(
        "lifecycle.postcondition",
        List.of(
            Map.of(
                "condition",
                "${length(" + primaryChecks.formatted("self") + ") == 1}",
                "error_message",
                ARC_CHECK_MISSING.formatted(primary.name()))));
    return "${" + primaryChecks.formatted(arcChecks.getFqn()) + "[0]}";
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

  /** The plan's ARN, which {@code aws arc-region-switch start-plan-execution} takes. */
  public String arn() {
    return plan.getStringAttribute("arn");
  }
}
