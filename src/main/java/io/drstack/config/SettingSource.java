package io.drstack.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where setting values come from, the environment before {@code cdktf.json} context, parsed into
 * the types the settings take. Every bad value is recorded here instead of thrown, so that one
 * refusal can list them all.
 */
final class SettingSource {

  /** Feature flags that {@code cdktf init} of earlier CDKTF versions wrote into the context. */
  private static final Set<String> CDKTF_FLAGS =
      Set.of("excludeStackIdFromLogicalIds", "allowSepCharsInLogicalIds");

  private final Map<String, ?> context;
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();
  private final Set<Setting> refused = EnumSet.noneOf(Setting.class);

  SettingSource(Map<String, ?> context, Map<String, String> env) {
    this.context = context;
    this.env = env;
  }

  /** The raw value: the environment variable when set, else the context key, else empty. */
  Optional<Object> raw(Setting setting) {
    return fromEnvironment(setting).<Object>map(value -> value).or(() -> fromContext(setting));
  }

  /** The environment variable, trimmed, when it is set (even to an empty value). */
  Optional<String> fromEnvironment(Setting setting) {
    return Optional.ofNullable(env.get(setting.envVar())).map(String::trim);
  }

  Optional<Object> fromContext(Setting setting) {
    return setting.contextKey() == null
        ? Optional.empty()
        : Optional.ofNullable(context.get(setting.contextKey()));
  }

  /** Whether the setting has a value: unset and empty both leave it at its default. */
  boolean isSet(Setting setting) {
    return given(setting).isPresent();
  }

  /** The value, or {@code defaultValue} when it is unset or empty. */
  String text(Setting setting, String defaultValue) {
    return given(setting).map(String::valueOf).orElse(defaultValue);
  }

  /** The value, or the setting's own default when it is unset or empty. */
  String text(Setting setting) {
    return text(setting, setting.defaultValue());
  }

  /** The value, the setting's default when unset; empty (set to "") means none. */
  Optional<String> optionalText(Setting setting) {
    return Optional.of(raw(setting).map(String::valueOf).orElse(setting.defaultValue()))
        .filter(s -> !s.isEmpty());
  }

  /** The value, or the setting's default; refused as {@code expected} unless {@code valid}. */
  String text(Setting setting, Predicate<String> valid, String expected) {
    String value = text(setting);
    if (!valid.test(value)) {
      refuse(setting, value, expected);
    }
    return value;
  }

  /** {@link #optionalText(Setting)}, a value refused as {@code expected} unless {@code valid}. */
  Optional<String> optionalText(Setting setting, Predicate<String> valid, String expected) {
    Optional<String> value = optionalText(setting);
    value.filter(valid.negate()).ifPresent(invalid -> refuse(setting, invalid, expected));
    return value;
  }

  /** A number that must be one of {@code allowed}, described to the user as {@code expected}. */
  int oneOf(Setting setting, Set<Integer> allowed, String expected) {
    return number(setting, allowed::contains, expected);
  }

  int integer(Setting setting, int min, int max) {
    return number(setting, n -> n >= min && n <= max, "a whole number from " + min + " to " + max);
  }

  /** A whole number, or the setting's default when unset, empty or refused. */
  private int number(Setting setting, Predicate<Integer> valid, String expected) {
    Optional<Object> value = given(setting);
    if (value.isEmpty()) {
      return Integer.parseInt(setting.defaultValue());
    }
    Integer parsed = parseInteger(value.get());
    if (parsed == null || !valid.test(parsed)) {
      refuse(setting, value.get(), expected);
      return Integer.parseInt(setting.defaultValue());
    }
    return parsed;
  }

  boolean bool(Setting setting) {
    Optional<Object> value = given(setting);
    Boolean parsed =
        value.isEmpty()
            ? Boolean.valueOf(setting.defaultValue())
            : value.get() instanceof Boolean b
                ? b
                : switch (String.valueOf(value.get())) {
                  case "true" -> Boolean.TRUE;
                  case "false" -> Boolean.FALSE;
                  default -> null;
                };
    if (parsed == null) {
      refuse(setting, value.get(), "true or false");
      return Boolean.parseBoolean(setting.defaultValue());
    }
    return parsed;
  }

  /** The raw value unless it is unset or empty, which both mean the default. */
  private Optional<Object> given(Setting setting) {
    return raw(setting).filter(value -> !"".equals(value));
  }

  private static Integer parseInteger(Object value) {
    if (value instanceof Number n) {
      // Range-checked as a double first: intValue() of a Long or a large Double wraps or clamps.
      double d = n.doubleValue();
      return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE
          ? Integer.valueOf(n.intValue())
          : null;
    }
    try {
      return Integer.valueOf(String.valueOf(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Records a bad value: the setting's label, the value quoted, and what is allowed. */
  void refuse(Setting setting, Object value, String allowed) {
    refused.add(setting);
    problems.add(setting.label() + " = \"" + value + "\": expected " + allowed);
  }

  /** Whether any of {@code settings} was refused, so that what derives from it is not checked. */
  boolean refused(Setting... settings) {
    return Stream.of(settings).anyMatch(refused::contains);
  }

  /** Every problem so far, in the order found. */
  List<String> problems() {
    return problems;
  }

  /**
   * A key in {@code cdktf.json} context that is no setting (a typo such as {@code primaryRegoin})
   * would otherwise leave its setting at the default without a word. CDKTF's own keys pass.
   */
  void refuseUnknownContextKeys() {
    List<Setting> inContext =
        Stream.of(Setting.values()).filter(setting -> setting.contextKey() != null).toList();
    Set<String> settingKeys =
        inContext.stream().map(Setting::contextKey).collect(Collectors.toSet());
    new TreeSet<>(context.keySet())
        .stream()
            .filter(key -> !settingKeys.contains(key) && !isCdktfContextKey(key))
            .forEach(
                key -> {
                  Setting suggestion =
                      inContext.stream()
                          .min(
                              Comparator.comparingInt(
                                  setting -> editDistance(key, setting.contextKey())))
                          .orElseThrow();
                  problems.add(
                      "cdktf.json context \""
                          + key
                          + "\" = \""
                          + context.get(key)
                          + "\": not a setting of this stack; did you mean "
                          + suggestion.label()
                          + "? Every setting is in help/configuration.md");
                });
  }

  /** Keys CDKTF itself reads or writes, and the feature flags older {@code cdktf init} wrote. */
  static boolean isCdktfContextKey(String key) {
    return key.startsWith("cdktf") || key.startsWith("@cdktf/") || CDKTF_FLAGS.contains(key);
  }

  /** Levenshtein distance, ignoring case. */
  static int editDistance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()];
  }
}
