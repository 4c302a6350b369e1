package io.drstack.config;

/**
 * The data-tier canary on the instances: each region writes a heartbeat to its replica of the table
 * and publishes the age of the other region's newest heartbeat (help/objectives.md).
 *
 * @param enabled whether the instances run the canary, with its endpoint, permission and alarm
 * @param intervalSeconds how often each instance writes, reads and publishes
 * @param namespace the CloudWatch namespace of the published age
 * @param alarmThresholdSeconds the age above which the region's canary alarm fires
 */
public record CanarySettings(
    boolean enabled, int intervalSeconds, String namespace, int alarmThresholdSeconds) {

  /**
   * The age stays below two intervals while all is well (the peer wrote at most one interval ago,
   * and was read at most one interval after): the threshold must leave a third.
   */
  static final int THRESHOLD_INTERVALS = 3;

  /**
   * The shortest {@code canaryIntervalSeconds}: the canary's readiness follows a failure soonest.
   */
  static final int FASTEST_INTERVAL_SECONDS = 5;

  /** The interval behind DNS, where the canary only watches replication. */
  static final int DEFAULT_INTERVAL_SECONDS = 10;

  static CanarySettings read(SettingSource settings, Capacity secondaryCapacity) {
    // A pilot-light secondary runs no canary: the primary's alarm would watch heartbeats that
    // nobody writes. So the default follows the secondary's minimum, and true with 0 is refused.
    boolean enabled = settings.get(Setting.CANARY, secondaryCapacity.min() > 0);
    if (enabled && secondaryCapacity.min() == 0 && !settings.refused(Setting.CANARY)) {
      settings.refuse(
          Setting.CANARY,
          "true",
          "false while secondaryMinCapacity is 0: no instance of the secondary writes heartbeats,"
              + " so the primary's canary alarm would always fire");
    }
    // Behind the accelerator the interval bounds how soon a failing table leaves the traffic.
    boolean accelerator = settings.get(Setting.FRONT_DOOR) == FrontDoor.ACCELERATOR;
    int interval =
        settings.get(
            Setting.CANARY_INTERVAL_SECONDS,
            accelerator ? FASTEST_INTERVAL_SECONDS : DEFAULT_INTERVAL_SECONDS,
            Setting.FRONT_DOOR);
    String namespace = settings.get(Setting.CANARY_NAMESPACE);
    int threshold = settings.get(Setting.CANARY_ALARM_THRESHOLD_SECONDS);
    if (!settings.refused(Setting.CANARY_INTERVAL_SECONDS, Setting.CANARY_ALARM_THRESHOLD_SECONDS)
        && threshold < THRESHOLD_INTERVALS * interval) {
      settings.refuse(
          Setting.CANARY_ALARM_THRESHOLD_SECONDS,
          threshold,
          "at least "
              + THRESHOLD_INTERVALS
              + " × canaryIntervalSeconds ("
              + THRESHOLD_INTERVALS * interval
              + "): a healthy age reaches two intervals");
    }
    return new CanarySettings(enabled, interval, namespace, threshold);
  }
}
