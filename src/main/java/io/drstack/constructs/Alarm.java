package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarm;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmConfig;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmMetricQuery;
import com.hashicorp.cdktf.providers.aws.cloudwatch_metric_alarm.CloudwatchMetricAlarmMetricQueryMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

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
    /** Missing data is normal (no traffic, no errors): the alarm stays OK. */
    NOT_BREACHING("notBreaching"),
    /**
     * Missing data must be seen, not guessed: the alarm goes to {@code INSUFFICIENT_DATA}, which
     * notifies the topic too. For metrics whose absence can mean the monitored thing stopped.
     */
    REPORTED("missing");

    private final String treatment;

    MissingData(String treatment) {
      this.treatment = treatment;
    }
  }

  /**
   * When an alarm fires.
   *
   * @param comparison e.g. {@code GreaterThanOrEqualToThreshold}
   * @param periods how many one-minute periods are evaluated
   * @param datapoints how many of them must breach
   * @param missingData what a period without data means
   */
  record Condition(
      String comparison, double threshold, int periods, int datapoints, MissingData missingData) {}

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

  /** An alarm on the sum of several metrics (metric math), e.g. errors of every operation. */
  static CloudwatchMetricAlarm onSum(
      Construct scope,
      String id,
      AlarmTopic topic,
      Identity identity,
      List<Metric> metrics,
      Condition when) {
    List<CloudwatchMetricAlarmMetricQuery> queries = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      Metric metric = metrics.get(i);
      queries.add(
          CloudwatchMetricAlarmMetricQuery.builder()
              .id("m" + i)
              .returnData(false)
              .metric(
                  CloudwatchMetricAlarmMetricQueryMetric.builder()
                      .namespace(metric.namespace())
                      .metricName(metric.name())
                      .dimensions(metric.dimensions())
                      .stat(metric.statistic())
                      .period(PERIOD_SECONDS)
                      .build())
              .build());
    }
    queries.add(
        CloudwatchMetricAlarmMetricQuery.builder()
            .id("total")
            .expression("SUM(METRICS())")
            .label(identity.name())
            .returnData(true)
            .build());
    return new CloudwatchMetricAlarm(
        scope, id, common(topic, identity, when).metricQuery(queries).build());
  }

  private static CloudwatchMetricAlarmConfig.Builder common(
      AlarmTopic topic, Identity identity, Condition when) {
    var config =
        CloudwatchMetricAlarmConfig.builder()
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
    if (when.missingData() == MissingData.REPORTED) {
      config.insufficientDataActions(List.of(topic.arn()));
    }
    return config;
  }
}
