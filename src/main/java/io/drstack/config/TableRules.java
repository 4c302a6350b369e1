package io.drstack.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** The global table's own settings. */
final class TableRules {
  private TableRules() {}

  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

  static TableSettings table(SettingSource settings) {
    Optional<String> ttl =
        settings.optionalText(
            Setting.TABLE_TTL_ATTRIBUTE,
            ATTRIBUTE_NAME.asMatchPredicate(),
            "a DynamoDB attribute name of 1-255 letters, digits, '_', '-' or '.',"
                + " or empty to turn TTL off");
    return new TableSettings(settings.bool(Setting.TABLE_DELETION_PROTECTION), ttl);
  }
}
