package io.drstack.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The tags every resource carries: the stack's fixed three and the user's. */
final class TagRules {
  private TagRules() {}

  static Map<String, String> tags(SettingSource settings, String suffix) {
    Map<String, String> tags = new TreeMap<>();
    tags.put("Project", "dr-stack");
    tags.put("Environment", suffix);
    tags.put("ManagedBy", "cdktf");
    Optional<String> fromEnv = settings.fromEnvironment(Setting.TAGS);
    if (fromEnv.isPresent()) {
      // The environment's list replaces the context's object: one source, no merge to explain.
      for (String pair : fromEnv.get().split(",", -1)) {
        String trimmed = pair.trim();
        int eq = trimmed.indexOf('=');
        if (trimmed.isEmpty()) {
          continue;
        }
        if (eq <= 0) {
          settings.refuse(
              Setting.TAGS, fromEnv.get(), "comma-separated key=value pairs, e.g. Owner=team-a");
          break;
        }
        put(settings, tags, trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
      }
    } else {
      Optional<Object> fromContext = settings.fromContext(Setting.TAGS);
      if (fromContext.isPresent() && fromContext.get() instanceof Map<?, ?> map) {
        map.forEach((k, v) -> put(settings, tags, String.valueOf(k), String.valueOf(v)));
      } else {
        fromContext.ifPresent(
            value -> settings.refuse(Setting.TAGS, value, "a JSON object of tag names to values"));
      }
    }
    return tags;
  }

  /**
   * AWS's tag rule (the {@code Tag} type of its APIs): letters, numbers and spaces of any script
   * and {@code _ . : / = + - @}; keys of 1-128 and values of up to 256 Unicode characters; the
   * {@code aws:} prefix of keys, in any case, is AWS's own.
   */
  private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

  private static final String CHARACTERS =
      "letters, digits, spaces and _ . : / = + - @ (AWS's tag characters)";

  private static void put(
      SettingSource settings, Map<String, String> tags, String key, String value) {
    if (!validKey(key)) {
      settings.refuse(
          Setting.TAGS,
          key,
          "tag keys of 1-128 " + CHARACTERS + " that do not start with 'aws:' (AWS's own)");
    } else if (value.codePointCount(0, value.length()) > 256
        || !TAG_TEXT.matcher(value).matches()) {
      settings.refuse(Setting.TAGS, value, "tag values of up to 256 " + CHARACTERS);
    } else {
      tags.put(key, value);
    }
  }

  private static boolean validKey(String key) {
    int length = key.codePointCount(0, key.length());
    return length >= 1
        && length <= 128
        && TAG_TEXT.matcher(key).matches()
        && !key.toLowerCase(Locale.ROOT).startsWith("aws:");
  }
}
