package io.drstack.constructs;

import io.drstack.config.Capacity;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RehearsalSettings;
import io.drstack.config.TrafficSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.Construct;

/**
 * Failover you can rehearse and control, as the settings ask: the fault-injection drill on the
 * primary, and the Region switch plan over both regions. Both are wired to the stack's own groups,
 * records and alarms.
 */
public final class Rehearsal extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param primary the primary site
   * @param secondary the secondary site
   * @param traffic the records the rehearsal moves and the alarms that watch their endpoints
   * @param objectives the computed objectives
   * @param logRetentionDays retention of the drill's log group
   * @param settings which of the two, and how
   * @param strategy the strategy and the front door, which decide what taking a region out means
   * @param capacities the primary's and the secondary's instances
   */
  public record Props(
      Site primary,
      Site secondary,
      Traffic traffic,
      RecoveryObjectives objectives,
      int logRetentionDays,
      RehearsalSettings settings,
      TrafficSettings strategy,
      List<Capacity> capacities) {
    public Props {
      capacities = List.copyOf(capacities);
    }
  }

  /**
   * What moves traffic between the sites.
   *
   * @param dns the failover records
   * @param endpointAlarms the endpoint alarms, in us-east-1
   */
  public record Traffic(DnsFailover dns, HealthCheckAlarms endpointAlarms) {}

  private final Optional<FailoverDrill> drill;
  private final Optional<RegionSwitchPlan> plan;

  public Rehearsal(Construct scope, String id, Props props) {
    super(scope, id);
    Region primary = props.primary().region();
    Region secondary = props.secondary().region();
    Map<String, String> endpointAlarms = props.traffic().endpointAlarms().arnsByName();
    String secondaryDown = primary.names().of("endpoint-down", secondary.name());
    RehearsalSettings settings = props.settings();

    this.drill =
        settings.drill()
            ? Optional.of(
                new FailoverDrill(
                    this,
                    "failover-drill",
                    new FailoverDrill.Props(
                        primary,
                        props.primary().key(),
                        props.primary().service().autoScalingGroupName(),
                        drillStopAlarms(props, primary, secondaryDown, endpointAlarms),
                        settings.drillMinutes(),
                        props.logRetentionDays(),
                        props.strategy().strategy())))
            : Optional.empty();

    // By name, with ARNs built in the plan's region: a reference would cross regions.
    List<RegionSwitchPlan.WatchedAlarm> health = new ArrayList<>();
    Alarm.byName(props.traffic().endpointAlarms())
        .forEach(
            (name, alarm) ->
                health.add(
                    new RegionSwitchPlan.WatchedAlarm(
                        name, alarmArn(primary, HealthCheckAlarms.METRICS_REGION, name), alarm)));
    for (Site site : List.of(props.primary(), props.secondary())) {
      Alarm.byName(site.alarms())
          .forEach(
              (name, alarm) ->
                  health.add(
                      new RegionSwitchPlan.WatchedAlarm(
                          name, alarmArn(primary, site.region().name(), name), alarm)));
    }
    // Load-balancer errors and throttles page people; they are not the plan's view of health.
    health.removeIf(
        alarm -> alarm.name().startsWith("dr-alb-5xx") || alarm.name().contains("throttles"));
    this.plan =
        settings.regionSwitchPlan()
            ? Optional.of(
                new RegionSwitchPlan(
                    this,
                    "region-switch",
                    new RegionSwitchPlan.Props(
                        props.primary(),
                        props.secondary(),
                        props.traffic().dns(),
                        health,
                        props.objectives(),
                        settings,
                        props.strategy(),
                        props.capacities().stream().map(Capacity::desired).toList())))
            : Optional.empty();
  }

  /**
   * What stops the drill: the table failing in the primary, and the standby's endpoint failing when
   * its alarm is in the primary's region (FIS reads alarms of its own region only, and Route 53's
   * metrics exist only in us-east-1).
   */
  private static List<String> drillStopAlarms(
      Props props, Region primary, String secondaryDown, Map<String, String> endpointAlarms) {
    List<String> stops = new ArrayList<>();
    stops.add(
        props
            .primary()
            .alarms()
            .arnsByName()
            .get(primary.names().of("table-system-errors", primary.name())));
    if (primary.name().equals(HealthCheckAlarms.METRICS_REGION)) {
      stops.add(endpointAlarms.get(secondaryDown));
    }
    return stops;
  }

  private static String alarmArn(Region from, String region, String name) {
    return from.arnIn(region, "cloudwatch", "alarm:" + name);
  }

  /** The drill's experiment template, when the drill is on. */
  public Optional<FailoverDrill> drill() {
    return drill;
  }

  /** The Region switch plan, when it is on. */
  public Optional<RegionSwitchPlan> plan() {
    return plan;
  }
}
