package io.drstack.config;

import java.util.Optional;

/** Who hears of alarms, when replication counts as late, and how long logs are kept. */
final class AlertingRules {
  private AlertingRules() {}

  static AlertingSettings alerting(SettingSource settings) {
    Optional<String> email = settings.optional(Setting.ALARM_EMAIL);
    int retention = settings.get(Setting.LOG_RETENTION_DAYS);
    return new AlertingSettings(
        email,
        settings.get(Setting.ALARM_SUBSCRIBER_WAIVED),
        settings.get(Setting.REPLICATION_LATENCY_THRESHOLD_MS),
        retention);
  }
}
