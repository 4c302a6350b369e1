package io.drstack.constructs;

import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The alarms of one region: its load balancer (5xx responses, unhealthy hosts) and its copy of the
 * global table (system errors, throttles, and the latency of replication out of the region: each
 * region watches its own direction, so the watch holds after a failover too). All notify the
 * region's own topic.
 */
public final class RegionalAlarms extends Construct {

  /** DynamoDB reports {@code SystemErrors} per operation; these are the ones the app uses. */
  static final List<String> TABLE_OPERATIONS =
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

  /**
   * Inputs of the construct.
   *
   * @param topic the region's topic; its region is the alarms' region
   * @param service the region's application
   * @param tableName the global table's name, the same in every region
   * @param replicatesTo the region the table replicates to from here
   * @param replicationLatencyThresholdMs the highest latency in a minute that raises the
   *     replication alarm
   */
  public record Props(
      AlarmTopic topic,
      RegionalService service,
      String environmentSuffix,
      String tableName,
      String replicatesTo,
      int replicationLatencyThresholdMs) {}

  public RegionalAlarms(Construct scope, String id, Props props) {
    super(scope, id);
    AlarmTopic topic = props.topic();
    String where = topic.region().name() + "-" + props.environmentSuffix();
    RegionalService service = props.service();
    Map<String, String> loadBalancer = Map.of("LoadBalancer", service.loadBalancerArnSuffix());
    Map<String, String> table = Map.of("TableName", props.tableName());

    Alarm.onSum(
        this,
        "alb-5xx",
        topic,
        new Alarm.Identity(
            "dr-alb-5xx-" + where,
            "The load balancer or its targets answered 10 or more 5xx responses a minute"),
        List.of(
            new Alarm.Metric("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", loadBalancer, "Sum"),
            new Alarm.Metric(
                "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", loadBalancer, "Sum")),
        new Alarm.Condition(
            "GreaterThanOrEqualToThreshold", 10, 3, 2, Alarm.MissingData.NOT_BREACHING));
    Alarm.on(
        this,
        "unhealthy-hosts",
        topic,
        new Alarm.Identity(
            "dr-unhealthy-hosts-" + where, "At least one instance fails the load balancer's check"),
        new Alarm.Metric(
            "AWS/ApplicationELB",
            "UnHealthyHostCount",
            Map.of(
                "LoadBalancer",
                service.loadBalancerArnSuffix(),
                "TargetGroup",
                service.targetGroupArnSuffix()),
            "Maximum"),
        new Alarm.Condition(
            "GreaterThanOrEqualToThreshold", 1, 2, 2, Alarm.MissingData.NOT_BREACHING));
    Alarm.onSum(
        this,
        "table-system-errors",
        topic,
        new Alarm.Identity(
            "dr-table-system-errors-" + where, "DynamoDB answered requests with 500 errors"),
        TABLE_OPERATIONS.stream()
            .map(
                operation ->
                    new Alarm.Metric(
                        "AWS/DynamoDB",
                        "SystemErrors",
                        Map.of("TableName", props.tableName(), "Operation", operation),
                        "Sum"))
            .toList(),
        new Alarm.Condition(
            "GreaterThanOrEqualToThreshold", 1, 1, 1, Alarm.MissingData.NOT_BREACHING));
    Alarm.onSum(
        this,
        "table-throttles",
        topic,
        new Alarm.Identity(
            "dr-table-throttles-" + where, "DynamoDB throttled reads or writes on the table"),
        List.of(
            new Alarm.Metric("AWS/DynamoDB", "ReadThrottleEvents", table, "Sum"),
            new Alarm.Metric("AWS/DynamoDB", "WriteThrottleEvents", table, "Sum")),
        new Alarm.Condition(
            "GreaterThanOrEqualToThreshold", 1, 2, 2, Alarm.MissingData.NOT_BREACHING));
    // Maximum over one minute, first breach: a spike cannot average away, and the RPO the stack
    // prints counts this minute plus the metric's delivery (help/objectives.md). No data means
    // nothing replicated out of here that minute, or replication stopped: reported, not assumed OK.
    Alarm.on(
        this,
        "replication-latency",
        topic,
        new Alarm.Identity(
            "dr-replication-latency-" + where,
            "Replication from "
                + topic.region().name()
                + " to "
                + props.replicatesTo()
                + " took over "
                + props.replicationLatencyThresholdMs()
                + " ms: writes made here may be lost if this region fails now."
                + " INSUFFICIENT_DATA: nothing replicated for a minute (no writes here, or"
                + " replication stopped)"),
        new Alarm.Metric(
            "AWS/DynamoDB",
            "ReplicationLatency",
            Map.of("TableName", props.tableName(), "ReceivingRegion", props.replicatesTo()),
            "Maximum"),
        new Alarm.Condition(
            "GreaterThanThreshold",
            props.replicationLatencyThresholdMs(),
            1,
            1,
            Alarm.MissingData.REPORTED));
  }
}
