package io.drstack.config;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Who hears of alarms, when replication counts as late, and how long logs are kept. */
final class AlertingRules {
  private AlertingRules() {}

  /** The retention periods CloudWatch Logs accepts. */
  static final Set<Integer> LOG_RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  /**
   * An address SNS can deliver to, in its plainest form: a local part of ASCII letters, digits and
   * {@code . _ + - '} (no leading, trailing or double dot; no quoted form) and a domain of DNS
   * labels ending in a top-level domain of letters (no address literal); 254 characters at most.
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          "(?=.{6,254}$)(?=[^@]{1,64}@)[A-Za-z0-9_+'-]+(\\.[A-Za-z0-9_+'-]+)*"
              + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");

  private static final String EMAIL_RULE =
      "an e-mail address such as oncall@example.com (ASCII letters, digits and . _ + - ' before"
          + " the @, a DNS domain after it)";

  static AlertingSettings alerting(SettingSource settings) {
    Optional<String> email =
        settings.optionalText(
            Setting.ALARM_EMAIL, EMAIL.asMatchPredicate(), EMAIL_RULE + ", or empty for none");
    int retention =
        settings.oneOf(
            Setting.LOG_RETENTION_DAYS,
            LOG_RETENTION_DAYS,
            "one of the periods CloudWatch Logs accepts: " + new TreeSet<>(LOG_RETENTION_DAYS));
    return new AlertingSettings(
        email,
        settings.bool(Setting.ALARM_SUBSCRIBER_WAIVED),
        settings.integer(
            Setting.REPLICATION_LATENCY_THRESHOLD_MS,
            RecoveryObjectives.MIN_REPLICATION_THRESHOLD_MS,
            600_000),
        retention);
  }
}
