package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmConfig;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmMetricQuery;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmMetricQueryMetric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * CloudWatch alarms that notify their region's topic both when they fire and when they clear. An
 * alarm is always created in its topic's region: SNS actions cannot cross regions.
 */
final class Alarm {
  private Alarm() {}

  /** Every alarm evaluates one-minute periods. */
  static final int PERIOD_SECONDS = 60;

  /** A metric and how to aggregate it over one period. */
  record Metric(String namespace, String name, Map<String, String> dimensions, String statistic) {}

  /** What a period without data means. */
  enum MissingData {
    /** Missing data is a failure: the alarm fires. */
    BREACHING("breaching"),
    /**
     * Missing data is normal (no traffic, no errors): the alarm stays OK. CloudWatch ignores this
     * for {@code AWS/DynamoDB} metrics (an alarm keeps its state), so the table's alarms are
     * expressions that {@code FILL} quiet minutes instead.
     */
    NOT_BREACHING("notBreaching"),
    /**
     * Missing data changes nothing: the alarm keeps its state. What CloudWatch does for every
     * {@code AWS/DynamoDB} metric whatever is set, so such an alarm says so.
     */
    IGNORE("ignore");

    private final String treatment;

    MissingData(String treatment) {
      this.treatment = treatment;
    }
  }

  /**
   * When an alarm fires: a comparison with a threshold, in {@code datapoints} of the last {@code
   * periods} one-minute periods, and what a period without data means. Built from its factories, so
   * a call site reads as the rule: {@code Condition.atLeast(10).in(2).ofLast(3)}.
   *
   * @param comparison e.g. {@code GreaterThanOrEqualToThreshold}
   * @param periods how many one-minute periods are evaluated
   * @param datapoints how many of them must breach
   * @param missingData what a period without data means
   */
  record Condition(
      String comparison, double threshold, int periods, int datapoints, MissingData missingData) {

    /** The metric is at least {@code threshold} in one minute; a minute without data is OK. */
    static Condition atLeast(double threshold) {
      return of("GreaterThanOrEqualToThreshold", threshold);
    }

    /** The metric is above {@code threshold} in one minute; a minute without data is OK. */
    static Condition above(double threshold) {
      return of("GreaterThanThreshold", threshold);
    }

    /** The metric is below {@code threshold} in one minute; a minute without data is OK. */
    static Condition below(double threshold) {
      return of("LessThanThreshold", threshold);
    }

    /**
     * The metric is above its anomaly-detection band ({@link Alarm#onAnomaly}) in one minute; a
     * minute without data is OK.
     */
    static Condition aboveBand() {
      return of("GreaterThanUpperThreshold", 0);
    }

    private static Condition of(String comparison, double threshold) {
      return new Condition(comparison, threshold, 1, 1, MissingData.NOT_BREACHING);
    }

    /**
     * In {@code minutes} minutes: in a row, unless {@link #ofLast} evaluates more, of which these
     * need not be adjacent.
     */
    Condition in(int minutes) {
      return new Condition(comparison, threshold, Math.max(periods, minutes), minutes, missingData);
    }

    /** Of the last {@code minutes} minutes, at least as many as must breach ({@link #in}). */
    Condition ofLast(int minutes) {
      if (minutes < datapoints) {
        throw new IllegalArgumentException(
            datapoints + " breaching minutes cannot be found in the last " + minutes);
      }
      return new Condition(comparison, threshold, minutes, datapoints, missingData);
    }

    /** A minute without data changes nothing: the alarm keeps its state. */
    Condition missingDataIgnored() {
      return new Condition(comparison, threshold, periods, datapoints, MissingData.IGNORE);
    }

    /** A minute without data counts as a breach. */
    Condition missingDataBreaches() {
      return new Condition(comparison, threshold, periods, datapoints, MissingData.BREACHING);
    }
  }

  /** What the alarm is called and why it exists. */
  record Identity(String name, String description) {}

  /** An alarm on one metric. */
  static CloudwatchMetricAlarm on(
      Construct scope,
      String id,
      AlarmTopic topic,
      Identity identity,
      Metric metric,
      Condition when) {
    return new CloudwatchMetricAlarm(
        scope,
        id,
        common(topic, identity, when)
            .namespace(metric.namespace())
            .metricName(metric.name())
            .dimensions(metric.dimensions())
            .statistic(metric.statistic())
            .period(PERIOD_SECONDS)
            .build());
  }

  /**
   * An alarm on the sum of several metrics, e.g. errors of every operation; a minute without a
   * datapoint counts as zero.
   */
  static CloudwatchMetricAlarm onSum(
      Construct scope,
      String id,
      AlarmTopic topic,
      Identity identity,
      List<Metric> metrics,
      Condition when) {
    return onExpression(scope, id, topic, identity, metrics, "SUM(FILL(METRICS(), 0))", when);
  }

  /**
   * An alarm on a metric-math {@code expression} over {@code metrics}, which it names {@code m0},
   * {@code m1}, ... in order.
   */
  static CloudwatchMetricAlarm onExpression(
      Construct scope,
      String id,
      AlarmTopic topic,
      Identity identity,
      List<Metric> metrics,
      String expression,
      Condition when) {
    List<CloudwatchMetricAlarmMetricQuery> queries = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      queries.add(query("m" + i, metrics.get(i), false));
    }
    queries.add(
        CloudwatchMetricAlarmMetricQuery.builder()
            .id("total")
            .expression(expression)
            .label(identity.name())
            .returnData(true)
            .build());
    return new CloudwatchMetricAlarm(
        scope, id, common(topic, identity, when).metricQuery(queries).build());
  }

  /** One metric of an alarm's metric math, over one period. */
  private static CloudwatchMetricAlarmMetricQuery query(
      String id, Metric metric, boolean returned) {
    return CloudwatchMetricAlarmMetricQuery.builder()
        .id(id)
        .returnData(returned)
        .metric(
            CloudwatchMetricAlarmMetricQueryMetric.builder()
                .namespace(metric.namespace())
                .metricName(metric.name())
                .dimensions(metric.dimensions())
                .stat(metric.statistic())
                .period(PERIOD_SECONDS)
                .build())
        .build();
  }

  /** The alarms created directly in {@code scope}, by name, with their ARNs. */
  static Map<String, String> arnsByName(Construct scope) {
    Map<String, String> arns = new LinkedHashMap<>();
    byName(scope).forEach((name, alarm) -> arns.put(name, alarm.getArn()));
    return arns;
  }

  /** The alarms created directly in {@code scope}, by name. */
  static Map<String, CloudwatchMetricAlarm> byName(Construct scope) {
    Map<String, CloudwatchMetricAlarm> alarms = new LinkedHashMap<>();
    for (IConstruct child : scope.getNode().getChildren()) {
      if (child instanceof CloudwatchMetricAlarm alarm) {
        alarms.put(alarm.getAlarmNameInput(), alarm);
      }
    }
    return alarms;
  }

  /**
   * An alarm on {@code metric} rising above CloudWatch's anomaly-detection band, {@code deviations}
   * standard deviations wide: "far more than usual" for a metric without a fixed normal. The model
   * learns from the metric's history; until it has some, the band is wide.
   */
  static CloudwatchMetricAlarm onAnomaly(
      Construct scope,
      String id,
      AlarmTopic topic,
      Identity identity,
      Metric metric,
      int deviations,
      Condition when) {
    return new CloudwatchMetricAlarm(
        scope,
        id,
        common(topic, identity, when)
            .threshold(null)
            .thresholdMetricId("band")
            .metricQuery(
                List.of(
                    query("m0", metric, true),
                    CloudwatchMetricAlarmMetricQuery.builder()
                        .id("band")
                        .expression("ANOMALY_DETECTION_BAND(m0, " + deviations + ")")
                        .label(identity.name())
                        .returnData(true)
                        .build()))
            .build());
  }

  private static CloudwatchMetricAlarmConfig.Builder common(
      AlarmTopic topic, Identity identity, Condition when) {
    return CloudwatchMetricAlarmConfig.builder()
        .provider(topic.region().provider())
        .alarmName(identity.name())
        .alarmDescription(identity.description())
        .comparisonOperator(when.comparison())
        .threshold(when.threshold())
        .evaluationPeriods(when.periods())
        .datapointsToAlarm(when.datapoints())
        .treatMissingData(when.missingData().treatment)
        .alarmActions(List.of(topic.arn()))
        .okActions(List.of(topic.arn()));
  }
}
