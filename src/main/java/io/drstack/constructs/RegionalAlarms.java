package io.drstack.constructs;

import io.drstack.config.CanarySettings;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.Strategy;
import io.drstack.config.TableConsistency;
import io.drstack.constructs.Alarm.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.constructs.Construct;

/**
 * The alarms of one region: its load balancer (5xx responses, unhealthy hosts) and its copy of the
 * global table (system errors, throttles, and the latency and stalls of replication out of the
 * region: each region watches its own direction, so the watch holds after a failover too). All
 * notify the region's own topic.
 */
public final class RegionalAlarms extends Construct {

  /** DynamoDB reports {@code SystemErrors} per operation; these are the ones the app uses. */
  private static final List<String> TABLE_OPERATIONS =
      List.of(
          "GetItem",
          "PutItem",
          "UpdateItem",
          "DeleteItem",
          "Query",
          "Scan",
          "BatchGetItem",
          "BatchWriteItem",
          "TransactGetItems",
          "TransactWriteItems");

  /** The operations that write items: what the table takes in this region, not by replication. */
  static final List<String> WRITE_OPERATIONS =
      List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems");

  /**
   * Inputs of the construct.
   *
   * @param topic the region's topic; its region is the alarms' region
   * @param service the region's application
   * @param table the region's replica of the table and its replication out of the region
   * @param standby whether this is the warm standby: it also pages when traffic arrives, which does
   *     not depend on the primary's region
   * @param canary the canary's metric and threshold; no alarm when it is disabled
   * @param strategy with both regions serving, each region pages when the other's traffic arrives
   */
  public record Props(
      AlarmTopic topic,
      RegionalService service,
      TableWatch table,
      boolean standby,
      CanarySettings canary,
      Strategy strategy) {}

  /**
   * The table as one region's alarms watch it.
   *
   * @param name the global table's name, the same in every region
   * @param replicatesTo the region the table replicates to from here
   * @param consistency the table's: a strongly consistent table publishes no {@code
   *     ReplicationLatency}, and its writes are in two regions when acknowledged
   * @param replicationLatencyThresholdMs the highest latency in a minute that raises the
   *     replication alarm
   */
  public record TableWatch(
      String name,
      String replicatesTo,
      TableConsistency consistency,
      int replicationLatencyThresholdMs) {}

  /** What the canary publishes: the age, in seconds, of the other region's newest heartbeat. */
  public static final String CANARY_METRIC = "PeerHeartbeatAge";

  public RegionalAlarms(Construct scope, String id, Props props) {
    super(scope, id);
    AlarmTopic topic = props.topic();
    Region region = topic.region();
    RegionalService service = props.service();
    Map<String, String> loadBalancer = Map.of("LoadBalancer", service.loadBalancerArnSuffix());
    Map<String, String> table = Map.of("TableName", props.table().name());

    Alarm.onSum(
        this,
        "alb-5xx",
        topic,
        new Alarm.Identity(
            region.names().of("alb-5xx", region.name()),
            "The load balancer or its targets answered 10 or more 5xx responses a minute"),
        List.of(
            new Alarm.Metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", loadBalancer, "Sum"),
            new Alarm.Metric(
                "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", loadBalancer, "Sum")),
        Alarm.Condition.atLeast(10).in(2).ofLast(3));
    Alarm.on(
        this,
        "unhealthy-hosts",
        topic,
        new Alarm.Identity(
            region.names().of("unhealthy-hosts", region.name()),
            "At least one instance fails the load balancer's check"),
        new Alarm.Metric(
            "AWS/ApplicationELB",
            "UnHealthyHostCount",
            Map.of(
                "LoadBalancer",
                service.loadBalancerArnSuffix(),
                "TargetGroup",
                service.targetGroupArnSuffix()),
            "Maximum"),
        Alarm.Condition.atLeast(1).in(2));
    Alarm.onSum(
        this,
        "table-system-errors",
        topic,
        new Alarm.Identity(
            region.names().of("table-system-errors", region.name()),
            "DynamoDB answered requests with 500 errors"),
        TABLE_OPERATIONS.stream()
            .map(
                operation ->
                    new Alarm.Metric(
                        "AWS/DynamoDB",
                        "SystemErrors",
                        Map.of("TableName", props.table().name(), "Operation", operation),
                        "Sum"))
            .toList(),
        Alarm.Condition.atLeast(1));
    Alarm.onSum(
        this,
        "table-throttles",
        topic,
        new Alarm.Identity(
            region.names().of("table-throttles", region.name()),
            "DynamoDB throttled reads or writes on the table"),
        List.of(
            new Alarm.Metric("AWS/DynamoDB", "ReadThrottleEvents", table, "Sum"),
            new Alarm.Metric("AWS/DynamoDB", "WriteThrottleEvents", table, "Sum")),
        Alarm.Condition.atLeast(1).in(2));
    boolean activeActive = props.strategy() == Strategy.ACTIVE_ACTIVE;
    if (props.standby() || activeActive) {
      // The endpoint alarms live in us-east-1 with Route 53's metrics; if that region fails, this
      // one still says that it now takes the other's traffic.
      Alarm.onAnomaly(
          this,
          "traffic-shift",
          topic,
          new Alarm.Identity(
              region.names().of("traffic-shift", region.name()),
              activeActive
                  ? "The load balancer in "
                      + region.name()
                      + " serves far more requests than usual: "
                      + props.table().replicatesTo()
                      + " is out of service and its traffic moved here, or traffic surged."
                      + " Check "
                      + props.table().replicatesTo()
                      + "."
                  : "The standby's load balancer serves far more requests than usual: traffic has"
                      + " moved here (a failover) or surged. Check the primary."),
          new Alarm.Metric("AWS/ApplicationELB", "RequestCount", loadBalancer, "Sum"),
          4,
          Alarm.Condition.aboveBand().in(3));
    }
    if (props.table().consistency() == TableConsistency.EVENTUAL) {
      replicationAlarms(topic, props);
    }
    if (props.canary().enabled()) {
      canaryAlarm(topic, props);
    }
  }

  /**
   * The other region's heartbeats, as this region's replica has them (help/objectives.md): unlike
   * {@code ReplicationLatency}, which is missing when nothing replicates, the age keeps growing.
   * Two minutes, so that one late publication cannot page; a minute without data is a breach,
   * because a canary that stopped publishing proves nothing.
   */
  private void canaryAlarm(AlarmTopic topic, Props props) {
    Region region = topic.region();
    CanarySettings canary = props.canary();
    Alarm.on(
        this,
        "canary",
        topic,
        new Alarm.Identity(
            region.names().of("canary", region.name()),
            "The newest heartbeat of "
                + props.table().replicatesTo()
                + " in "
                + region.name()
                + "'s replica is over "
                + canary.alarmThresholdSeconds()
                + " s old, or the canary stopped publishing: "
                + props.table().replicatesTo()
                + " stopped writing, replication from it stopped, or "
                + region.name()
                + " cannot reach its replica"),
        new Alarm.Metric(
            canary.namespace(),
            CANARY_METRIC,
            Map.of("TableName", props.table().name(), "Region", region.name()),
            "Maximum"),
        Alarm.Condition.above(canary.alarmThresholdSeconds()).in(2).missingDataBreaches());
  }

  /**
   * Replication out of this region, in two alarms (help/objectives.md, "RPO"): the lag, as the
   * Maximum of each minute, first breach, so a spike cannot average away (a minute without
   * replication counts as no lag); and a stall.
   */
  private void replicationAlarms(AlarmTopic topic, Props props) {
    Region region = topic.region();
    Metric lag =
        new Alarm.Metric(
            "AWS/DynamoDB",
            "ReplicationLatency",
            Map.of(
                "TableName", props.table().name(), "ReceivingRegion", props.table().replicatesTo()),
            "Maximum");
    String direction = "from " + region.name() + " to " + props.table().replicatesTo();
    Alarm.onExpression(
        this,
        "replication-latency",
        topic,
        new Alarm.Identity(
            region.names().of("replication-latency", region.name()),
            "Replication "
                + direction
                + " took over "
                + props.table().replicationLatencyThresholdMs()
                + " ms: writes made here may be lost if this region fails now"),
        List.of(lag),
        "FILL(m0, 0)",
        Alarm.Condition.above(props.table().replicationLatencyThresholdMs()));
    // A stall sends no ReplicationLatency at all, and CloudWatch keeps an AWS/DynamoDB alarm's
    // state on missing data: so a minute with writes here and no replication out is 1. Two such
    // minutes in a row, because a write late in one minute may replicate in the next.
    List<Metric> lagAndWrites = new ArrayList<>(List.of(lag));
    WRITE_OPERATIONS.forEach(
        operation ->
            lagAndWrites.add(
                new Alarm.Metric(
                    "AWS/DynamoDB",
                    "SuccessfulRequestLatency",
                    Map.of("TableName", props.table().name(), "Operation", operation),
                    "SampleCount")));
    String writes =
        IntStream.rangeClosed(1, WRITE_OPERATIONS.size())
            .mapToObj(i -> "m" + i)
            .collect(Collectors.joining(", ", "SUM(FILL([", "], 0))"));
    Alarm.onExpression(
        this,
        "replication-stalled",
        topic,
        new Alarm.Identity(
            region.names().of("replication-stalled", region.name()),
            "Writes were made here but nothing replicated "
                + direction
                + " for "
                + RecoveryObjectives.STALL_PERIODS
                + " minutes: replication may have stopped, and writes made here since may be lost"
                + " if this region fails now"),
        lagAndWrites,
        "IF(" + writes + " > 0 AND FILL(m0, -1) < 0, 1, 0)",
        Alarm.Condition.atLeast(1).in(RecoveryObjectives.STALL_PERIODS));
  }

  /** The alarms of the region, by name, with their ARNs. */
  public Map<String, String> arnsByName() {
    return Alarm.arnsByName(this);
  }
}
