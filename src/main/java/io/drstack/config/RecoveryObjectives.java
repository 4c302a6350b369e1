package io.drstack.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The recovery time and point this configuration can promise, worked out from its own settings.
 * Each constant below is one term of a formula in {@code help/objectives.md}, which gives its
 * source; the assumptions are marked as such there and checked by the failover drill.
 */
public final class RecoveryObjectives {

  /**
   * The longest one failed Route 53 HTTP(S) check can take: the TCP connection must open within 4 s
   * and the status arrive within 2 s after that. The request interval only starts once a checker
   * has its answer, so a timed-out check stretches each round by this much.
   */
  public static final int HEALTH_CHECK_TIMEOUT_SECONDS = 4 + 2;

  /**
   * Time for the checkers' verdict to reach Route 53's DNS servers. AWS publishes no figure: this
   * is the stack's assumption, which the failover drill measures.
   */
  public static final int STATUS_PROPAGATION_SECONDS = 10;

  /** Alias records to a load balancer answer with its fixed TTL; it cannot be lowered. */
  public static final int ALIAS_TTL_SECONDS = 60;

  /**
   * From the Auto Scaling group asking for an instance until the instance runs its user data: an
   * assumption for a small Amazon Linux 2023 instance.
   */
  public static final int INSTANCE_LAUNCH_SECONDS = 60;

  /**
   * Auto Scaling health check grace period of the application instances: the longest a new instance
   * is given to boot and pass the load balancer's {@code /health} check before it is replaced.
   */
  public static final int HEALTH_CHECK_GRACE_PERIOD_SECONDS = 120;

  /**
   * The replication alarm evaluates one-minute periods of the {@code Maximum}: a lag that starts
   * rising just after a period began shows only when that period closes.
   */
  public static final int REPLICATION_ALARM_PERIOD_SECONDS = 60;

  /**
   * From the end of a minute until CloudWatch has DynamoDB's datapoint for it and has evaluated the
   * alarm. AWS publishes no figure: this is the stack's assumption, which the drill measures.
   */
  public static final int METRIC_DELIVERY_SECONDS = 60;

  /**
   * Minutes in a row with writes and no replication before the stall alarm fires: a write late in
   * one minute may replicate in the next, so one such minute is no stall.
   */
  public static final int STALL_PERIODS = 2;

  /** The data-tier alarm's period. */
  public static final int DATA_TIER_PERIOD_SECONDS = 60;

  /**
   * Consecutive minutes with DynamoDB server errors that fire the data-tier alarm: one noisy minute
   * must not move traffic. Every one of the minutes it evaluates (N of N): how Route 53 treats an
   * alarm that fires on M of N is not documented, and N of N is what it documents by example.
   */
  public static final int DATA_TIER_MINUTES = 3;

  /**
   * From an alarm changing state until Route 53's checkers have read it and the verdict reaches its
   * DNS servers. AWS publishes no figure: this is the stack's assumption.
   */
  public static final int ALARM_CHECK_SECONDS = 60;

  /**
   * With {@code frontDoor} accelerator, the load balancers' target-group check is the region's
   * readiness, which Global Accelerator follows: its interval, ELB's shortest (Elastic Load
   * Balancing User Guide, <i>Health checks for Application Load Balancer target groups</i>: {@code
   * HealthCheckIntervalSeconds} 5–300). The target group is built from {@link TargetHealth#READY}.
   */
  public static final int READINESS_INTERVAL_SECONDS = TargetHealth.READY.intervalSeconds();

  /** The readiness check's timeout, ELB's shortest ({@code HealthCheckTimeoutSeconds} 2–120). */
  public static final int READINESS_TIMEOUT_SECONDS = TargetHealth.READY.timeoutSeconds();

  /**
   * Consecutive results that make a target unhealthy, or healthy again: ELB's lowest ({@code
   * UnhealthyThresholdCount} and {@code HealthyThresholdCount} 2–10).
   */
  public static final int READINESS_THRESHOLD = TargetHealth.UNHEALTHY_THRESHOLD;

  /**
   * The longest one readiness call of the canary to its region's table may take before the cycle
   * counts as failed and the region stops being ready ({@code CALL_TIMEOUT} of {@code dr_ready.py},
   * which an interval timer enforces however the call hangs).
   */
  public static final int CANARY_CALL_TIMEOUT_SECONDS = TargetHealth.READINESS_CALL_TIMEOUT_SECONDS;

  /**
   * From a load balancer turning unhealthy until Global Accelerator directs new connections to the
   * next endpoint group: "up to 30 seconds (the health check interval)" (AWS Global Accelerator
   * workshop, <i>Failover</i>, https://intro-to-global-accelerator.workshop.aws/en/failover.html;
   * the developer guide gives no figure).
   */
  public static final int ACCELERATOR_REACTION_SECONDS = 30;

  /**
   * Time for Global Accelerator's new routing to reach every edge location. AWS says changes take
   * effect in seconds, with no client cache to wait for (Global Accelerator Developer Guide,
   * <i>Avoidance of TTL delays</i>), and publishes no figure: this is the stack's assumption, which
   * the failover drill measures.
   */
  public static final int ACCELERATOR_PROPAGATION_SECONDS = 5;

  /** The lowest {@code replicationLatencyThresholdMs} the configuration accepts. */
  public static final int MIN_REPLICATION_THRESHOLD_MS = 100;

  private static final String SEE = " See help/objectives.md.";

  private final DrConfig config;

  private RecoveryObjectives(DrConfig config) {
    this.config = config;
  }

  public static RecoveryObjectives of(DrConfig config) {
    return new RecoveryObjectives(config);
  }

  /**
   * Until Route 53 changes an endpoint's status: each checker needs {@code failureThreshold}
   * consecutive results, each taking up to the request interval plus a timed-out check; then the
   * verdict propagates. Recovery takes as many consecutive successes, so the same bound holds.
   */
  public int detectionSeconds() {
    DnsSettings dns = config.dns();
    return dns.healthCheckFailureThreshold()
            * (dns.healthCheckIntervalSeconds() + HEALTH_CHECK_TIMEOUT_SECONDS)
        + STATUS_PROPAGATION_SECONDS;
  }

  /**
   * Until a failing data tier takes the primary out: {@link #DATA_TIER_MINUTES} minutes in a row
   * with errors (one error makes a minute count, so the minute they start in is the first), the
   * metrics' delivery, then Route 53 reading the alarm. It does not come back by itself: DynamoDB
   * reports {@code SystemErrors} only for minutes that have some, and an alarm on an {@code
   * AWS/DynamoDB} metric keeps its state without data, so the alarm holds until the on-call sets it
   * back after the failback gate (help/operations.md).
   */
  public int dataTierDetectionSeconds() {
    return DATA_TIER_MINUTES * DATA_TIER_PERIOD_SECONDS
        + METRIC_DELIVERY_SECONDS
        + ALARM_CHECK_SECONDS;
  }

  /**
   * With {@code frontDoor} accelerator, until the load balancer counts a region's targets out:
   * {@link #READINESS_THRESHOLD} failed checks, each taking up to the interval plus a timed-out
   * check.
   */
  public int readinessDetectionSeconds() {
    return READINESS_THRESHOLD * (READINESS_INTERVAL_SECONDS + READINESS_TIMEOUT_SECONDS);
  }

  /**
   * With {@code frontDoor} accelerator, until a failing table takes the region out: the canary's
   * next cycle starts within one interval, its call to the table fails within {@link
   * #CANARY_CALL_TIMEOUT_SECONDS}, and the region stops being ready; then the load balancer counts
   * the targets out.
   */
  public int canaryDetectionSeconds() {
    return canaryDetectionSeconds(config.canary().intervalSeconds());
  }

  private int canaryDetectionSeconds(int canaryInterval) {
    return canaryInterval + CANARY_CALL_TIMEOUT_SECONDS + readinessDetectionSeconds();
  }

  /**
   * The slower of the two ways the primary is seen failing, its endpoint or its data tier: through
   * Route 53's checks behind DNS, through the targets' readiness behind an accelerator.
   */
  public int failureDetectionSeconds() {
    return accelerator()
        ? Math.max(readinessDetectionSeconds(), canaryDetectionSeconds())
        : Math.max(detectionSeconds(), dataTierDetectionSeconds());
  }

  private String detectionTerms() {
    return "detection "
        + failureDetectionSeconds()
        + (accelerator()
            ? " s (the slower of the load balancer's readiness check's "
                + readinessDetectionSeconds()
                + " s and the canary's "
                + canaryDetectionSeconds()
                + " s)"
            : " s (the slower of the endpoint check's "
                + detectionSeconds()
                + " s and the data tier's "
                + dataTierDetectionSeconds()
                + " s)");
  }

  /**
   * Once the primary is seen failing, until clients reach the other region: resolvers dropping the
   * cached answer behind DNS; the accelerator reacting and its routing propagating, with no client
   * cache, behind an accelerator.
   */
  public int frontDoorSeconds() {
    return accelerator() ? acceleratorSeconds() : ALIAS_TTL_SECONDS;
  }

  private static int acceleratorSeconds() {
    return ACCELERATOR_REACTION_SECONDS + ACCELERATOR_PROPAGATION_SECONDS;
  }

  private String frontDoorTerms() {
    return accelerator()
        ? "Global Accelerator reaction "
            + ACCELERATOR_REACTION_SECONDS
            + " s + its propagation "
            + ACCELERATOR_PROPAGATION_SECONDS
            + " s"
        : "DNS TTL " + ALIAS_TTL_SECONDS + " s";
  }

  private String rtoTerms() {
    return detectionTerms()
        + " + "
        + frontDoorTerms()
        + " + secondary readiness "
        + secondaryReadinessSeconds()
        + " s"
        + (config.traffic().activeActive() ? " (activeActive: both regions serve)" : "");
  }

  private boolean accelerator() {
    return config.traffic().accelerator();
  }

  /**
   * Zero while the secondary is guaranteed running instances, as it always is with {@code
   * activeActive}; otherwise the time to launch one, have it pass {@code /health}, and have Route
   * 53 see the secondary healthy.
   */
  public int secondaryReadinessSeconds() {
    return config.traffic().activeActive() || config.secondary().capacity().min() > 0
        ? 0
        : INSTANCE_LAUNCH_SECONDS + HEALTH_CHECK_GRACE_PERIOD_SECONDS + detectionSeconds();
  }

  /**
   * Worst-case automatic failover time: the primary is seen unhealthy, clients reach the other
   * region through the front door, and the secondary is ready to serve.
   */
  public int rtoSeconds() {
    return failureDetectionSeconds() + frontDoorSeconds() + secondaryReadinessSeconds();
  }

  /**
   * How long a replication lag above the threshold can go unreported: the alarm's period plus the
   * metric's delivery. A stopped replication sends no data: {@link #stallDetectionSeconds()}.
   */
  public int replicationDetectionSeconds() {
    return REPLICATION_ALARM_PERIOD_SECONDS + METRIC_DELIVERY_SECONDS;
  }

  /**
   * How long a stopped replication can go unreported: the minute it stops in, then {@link
   * #STALL_PERIODS} whole minutes with writes and no replication, then the metrics' delivery.
   */
  public int stallDetectionSeconds() {
    return (STALL_PERIODS + 1) * REPLICATION_ALARM_PERIOD_SECONDS + METRIC_DELIVERY_SECONDS;
  }

  /**
   * The most recent writes a regional failure can lose while the replication alarms are OK: the
   * longer of a lag the latency alarm allows (its threshold, rounded up, plus the time a larger lag
   * can grow before it is reported) and a stall the stall alarm has not reported yet.
   */
  public int rpoSeconds() {
    if (strong()) {
      return 0; // an acknowledged write is durable in two regions already
    }
    return Math.max(thresholdSeconds() + replicationDetectionSeconds(), stallDetectionSeconds());
  }

  private boolean strong() {
    return config.table().consistency() == TableConsistency.STRONG;
  }

  private int thresholdSeconds() {
    return (config.alerting().replicationLatencyThresholdMs() + 999) / 1000;
  }

  /** One line for the synth output. */
  public String summary() {
    return "Computed recovery objectives ("
        + combination()
        + "): RTO "
        + rtoSeconds()
        + " s (target "
        + config.objectives().targetRtoSeconds()
        + " s) = "
        + rtoTerms()
        + "; RPO "
        + rpoSeconds()
        + " s (target "
        + config.objectives().targetRpoSeconds()
        + " s) = "
        + (strong()
            ? "multi-Region strong consistency: a write is acknowledged once durable in two"
                + " regions"
            : "replicationLatencyThresholdMs "
                + config.alerting().replicationLatencyThresholdMs()
                + " ms + alarm detection "
                + replicationDetectionSeconds()
                + " s, at least the stall detection "
                + stallDetectionSeconds()
                + " s")
        + ". See help/objectives.md.";
  }

  /** {@code strategy warmStandby, frontDoor dns}. */
  private String combination() {
    return Setting.STRATEGY.contextKey()
        + " "
        + config.traffic().strategy().value()
        + ", "
        + Setting.FRONT_DOOR.contextKey()
        + " "
        + config.traffic().frontDoor().value();
  }

  /**
   * Each declared target the configuration cannot meet, naming the settings that would fix it;
   * empty when both are met.
   */
  List<Shortfall> shortfalls() {
    List<Shortfall> shortfalls = new ArrayList<>();
    int targetRto = config.objectives().targetRtoSeconds();
    if (rtoSeconds() > targetRto) {
      shortfalls.add(
          new Shortfall(
              Setting.TARGET_RTO_SECONDS,
              targetRto,
              "at least the computed worst-case automatic failover time, "
                  + rtoSeconds()
                  + " s with "
                  + combination()
                  + " ("
                  + rtoTerms()
                  + "). Raise "
                  + Setting.TARGET_RTO_SECONDS.contextKey()
                  + " to "
                  + rtoSeconds()
                  + " or more"
                  + (rtoLevers().isEmpty()
                      ? " (every setting that shortens it is already at its fastest)."
                      : ", or shorten the failover: " + String.join(", ", rtoLevers()) + ".")
                  + SEE));
    }
    int targetRpo = config.objectives().targetRpoSeconds();
    int thresholdMs = config.alerting().replicationLatencyThresholdMs();
    if (rpoSeconds() > targetRpo) {
      int lowestThresholdMs = (targetRpo - replicationDetectionSeconds()) * 1000;
      shortfalls.add(
          new Shortfall(
              Setting.TARGET_RPO_SECONDS,
              targetRpo,
              "at least the computed RPO bound, "
                  + rpoSeconds()
                  + " s (the longer of "
                  + Setting.REPLICATION_LATENCY_THRESHOLD_MS.contextKey()
                  + " "
                  + thresholdMs
                  + " ms + replication alarm detection "
                  + replicationDetectionSeconds()
                  + " s, and the stall detection "
                  + stallDetectionSeconds()
                  + " s). Raise "
                  + Setting.TARGET_RPO_SECONDS.contextKey()
                  + " to "
                  + rpoSeconds()
                  + " or more"
                  + (targetRpo >= stallDetectionSeconds()
                      ? ", or lower "
                          + Setting.REPLICATION_LATENCY_THRESHOLD_MS.contextKey()
                          + " to "
                          + lowestThresholdMs
                          + " or less."
                      : " (asynchronous replication cannot promise less than "
                          + stallDetectionSeconds()
                          + " s: that is how long a stopped replication can go unreported; "
                          + Setting.TABLE_CONSISTENCY.contextKey()
                          + " strong promises 0).")
                  + SEE));
    }
    return shortfalls;
  }

  /**
   * A declared target the configuration cannot meet.
   *
   * @param target the target's setting
   * @param value the target as set
   * @param expected what the target must be, and what else would meet it
   */
  record Shortfall(Setting<Integer> target, int value, String expected) {}

  /** The settings that shorten the failover, each only when changing it would help. */
  private List<String> rtoLevers() {
    List<String> levers = new ArrayList<>();
    int interval = config.canary().intervalSeconds();
    if (accelerator()) {
      // The canary's path is the slower one whatever its interval: its interval always helps.
      if (interval > CanarySettings.FASTEST_INTERVAL_SECONDS) {
        levers.add(
            Setting.CANARY_INTERVAL_SECONDS.contextKey()
                + " "
                + CanarySettings.FASTEST_INTERVAL_SECONDS
                + " (now "
                + interval
                + ", which adds "
                + (interval - CanarySettings.FASTEST_INTERVAL_SECONDS)
                + " s)");
      }
      return levers;
    }
    if (config.secondary().capacity().min() == 0 && secondaryReadinessSeconds() > 0) {
      levers.add(
          Setting.SECONDARY_MIN_CAPACITY.contextKey()
              + " 1 or more (now 0, which adds "
              + secondaryReadinessSeconds()
              + " s)");
    }
    levers.add(acceleratorLever());
    // The endpoint check's settings help only while it is the slower way of seeing a failure.
    if (detectionSeconds() <= dataTierDetectionSeconds()) {
      return levers;
    }
    DnsSettings dns = config.dns();
    if (dns.healthCheckIntervalSeconds() > 10) {
      levers.add(
          Setting.HEALTH_CHECK_INTERVAL.contextKey()
              + " 10 (now "
              + dns.healthCheckIntervalSeconds()
              + ")");
    }
    if (dns.healthCheckFailureThreshold() > 1) {
      levers.add(
          "a lower "
              + Setting.HEALTH_CHECK_FAILURE_THRESHOLD.contextKey()
              + " (now "
              + dns.healthCheckFailureThreshold()
              + ")");
    }
    return levers;
  }

  /**
   * Behind DNS, the front door that does not wait for detection by Route 53 nor for a TTL: what it
   * promises with its default, the fastest canary (its standby is always running: it needs the
   * canary, which needs a running secondary).
   */
  private String acceleratorLever() {
    int fastest = CanarySettings.FASTEST_INTERVAL_SECONDS;
    return Setting.FRONT_DOOR.contextKey()
        + " "
        + FrontDoor.ACCELERATOR.value()
        + " ("
        + (Math.max(readinessDetectionSeconds(), canaryDetectionSeconds(fastest))
            + acceleratorSeconds())
        + " s with "
        + Setting.CANARY_INTERVAL_SECONDS.contextKey()
        + " "
        + fastest
        + ", its default there"
        + (config.canary().enabled()
            ? ""
            : "; needs " + Setting.CANARY.contextKey() + " true and so a running secondary")
        + ")";
  }
}
