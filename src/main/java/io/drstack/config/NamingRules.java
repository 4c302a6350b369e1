package io.drstack.config;

import java.util.regex.Pattern;

/** The environment suffix, which every resource name and the stack name carry. */
final class NamingRules {
  private NamingRules() {}

  /** {@code dr-alb-<suffix>} must fit the 32-character limit of ALB and target group names. */
  static final int MAX_SUFFIX_LENGTH = Names.MAX_SUFFIX_LENGTH;

  private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");

  static String suffix(SettingSource settings) {
    return settings.text(
        Setting.ENVIRONMENT_SUFFIX,
        suffix -> suffix.length() <= MAX_SUFFIX_LENGTH && SUFFIX.matcher(suffix).matches(),
        "1 to "
            + MAX_SUFFIX_LENGTH
            + " lowercase letters, digits and inner hyphens, so that every resource name"
            + " (ALB and target group names are at most 32 characters) stays valid");
  }
}
