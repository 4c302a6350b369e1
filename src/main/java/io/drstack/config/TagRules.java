package io.drstack.config;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

  /** AWS reserves the {@code aws:} prefix and limits keys to 128 and values to 256 characters. */
  private static void put(
      SettingSource settings, Map<String, String> tags, String key, String value) {
    if (key.isEmpty()
        || key.length() > 128
        || key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
      settings.refuse(
          Setting.TAGS, key, "tag keys of 1-128 characters that do not start with 'aws:'");
    } else if (value.length() > 256) {
      settings.refuse(Setting.TAGS, value, "tag values of at most 256 characters");
    } else {
      tags.put(key, value);
    }
  }
}
