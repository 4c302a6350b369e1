package io.drstack.config;

import java.util.Optional;

/**
 * Alarms and logs.
 *
 * @param email address subscribed to each region's alarm topic; empty subscribes nobody
 * @param subscriberWaived whether a stack without {@code email} may be deployed (someone subscribes
 *     outside the stack, or nobody needs paging)
 * @param replicationLatencyThresholdMs the highest {@code ReplicationLatency} in a minute that the
 *     alarm allows
 * @param logRetentionDays retention of the application log groups
 */
public record AlertingSettings(
    Optional<String> email,
    boolean subscriberWaived,
    int replicationLatencyThresholdMs,
    int logRetentionDays) {

  /** Whether every plan must stop: nobody would be paged, and nobody said that is intended. */
  public boolean nobodyPaged() {
    return email.isEmpty() && !subscriberWaived;
  }

  static AlertingSettings read(SettingSource settings) {
    Optional<String> email = settings.optional(Setting.ALARM_EMAIL);
    int retention = settings.get(Setting.LOG_RETENTION_DAYS);
    return new AlertingSettings(
        email,
        settings.get(Setting.ALARM_SUBSCRIBER_WAIVED),
        settings.get(Setting.REPLICATION_LATENCY_THRESHOLD_MS),
        retention);
  }
}
