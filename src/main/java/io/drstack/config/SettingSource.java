package io.drstack.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
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
  private final List<String> warnings = new ArrayList<>();
  private final Set<Setting<?>> refused = new HashSet<>();

  /** Settings whose value holds a template or a control character: read as unset from then on. */
  private final Set<Setting<?>> unsafe = new HashSet<>();

  SettingSource(Map<String, ?> context, Map<String, String> env) {
    this.context = context;
    this.env = env;
  }

  /** The raw value: the environment variable when set, else the context key, else empty. */
  Optional<Object> raw(Setting<?> setting) {
    return fromEnvironment(setting).<Object>map(value -> value).or(() -> fromContext(setting));
  }

  /** The environment variable, trimmed, when it is set (even to an empty value). */
  Optional<String> fromEnvironment(Setting<?> setting) {
    return unsafe.contains(setting)
        ? Optional.empty()
        : Optional.ofNullable(env.get(setting.envVar())).map(String::trim);
  }

  Optional<Object> fromContext(Setting<?> setting) {
    return setting.contextKey() == null || unsafe.contains(setting)
        ? Optional.empty()
        : Optional.ofNullable(context.get(setting.contextKey()));
  }

  /** Whether the setting has a value: unset and empty both leave it at its default. */
  boolean isSet(Setting<?> setting) {
    return given(setting).isPresent();
  }

  /** The value, or the setting's declared default when it is unset or empty. */
  <T> T get(Setting<T> setting) {
    return get(
        setting,
        setting
            .defaultValue()
            .orElseThrow(() -> new IllegalStateException(setting + " declares no default")));
  }

  /**
   * The value, or {@code defaultValue} (which the area's rules computed) when it is unset or empty.
   * A default is checked like a value unless it derives from one of {@code derivedFrom} and that is
   * refused already: the problem is reported once, on the setting it comes from.
   */
  <T> T get(Setting<T> setting, T defaultValue, Setting<?>... derivedFrom) {
    Optional<Object> value = given(setting);
    if (value.isPresent()) {
      return read(setting, value.get(), defaultValue);
    }
    return refused(derivedFrom) ? defaultValue : checked(setting, defaultValue, defaultValue);
  }

  /** The value of an optional setting; unset or empty (set to "") means none. */
  <T> Optional<T> optional(Setting<T> setting) {
    return optional(setting, Optional.empty());
  }

  /** The value, {@code defaultValue} when unset; empty (set to "") means none. */
  <T> Optional<T> optional(Setting<T> setting, Optional<T> defaultValue) {
    Optional<Object> value = raw(setting);
    if (value.isEmpty()) {
      return defaultValue.map(given -> checked(setting, given, given));
    }
    return "".equals(String.valueOf(value.get()))
        ? Optional.empty()
        : Optional.ofNullable(read(setting, value.get(), null));
  }

  /** {@code raw} as the setting's type, refused unless it passes the setting's checks. */
  private <T> T read(Setting<T> setting, Object raw, T fallback) {
    T parsed = setting.parse(raw);
    if (parsed == null) {
      refuse(setting, raw, setting.typeRule());
      return fallback;
    }
    return checked(setting, parsed, fallback);
  }

  /** {@code value}, refused unless it passes the setting's checks; then {@code fallback} or it. */
  private <T> T checked(Setting<T> setting, T value, T fallback) {
    Optional<String> problem = setting.problem(value);
    if (problem.isEmpty()) {
      return value;
    }
    refuse(setting, value, problem.get());
    return setting.keepsRefusedValue() ? value : fallback;
  }

  /** The raw value unless it is unset or empty, which both mean the default. */
  private Optional<Object> given(Setting<?> setting) {
    return raw(setting).filter(value -> !"".equals(value));
  }

  /**
   * Records a bad value: the setting's label, the value quoted, where it came from (the
   * environment, {@code cdktf.json}, or the default), and what is allowed. A setting refused for
   * its characters already ({@link #refuseUnsafeValues()}) is not reported again.
   */
  void refuse(Setting<?> setting, Object value, String allowed) {
    if (unsafe.contains(setting) && refused.contains(setting)) {
      return;
    }
    refused.add(setting);
    problems.add(
        setting.label()
            + " = \""
            + shown(String.valueOf(value))
            + "\" ("
            + origin(setting, value)
            + "): expected "
            + allowed);
  }

  /**
   * Records a value that is accepted but will not do what its user may think: synth shows it as a
   * warning, naming the setting, the value and where it came from.
   */
  void warn(Setting<?> setting, Object value, String why) {
    warnings.add(
        setting.label()
            + " = \""
            + shown(String.valueOf(value))
            + "\" ("
            + origin(setting, value)
            + "): "
            + why);
  }

  /** Every warning so far, in the order found. */
  List<String> warnings() {
    return warnings;
  }

  /**
   * Where a refused value came from. Read before the setting is marked unsafe, or the raw value is
   * hidden: the origin is taken from the maps themselves.
   */
  private String origin(Setting<?> setting, Object value) {
    String fromEnv = env.get(setting.envVar());
    if (fromEnv != null && !fromEnv.trim().isEmpty()) {
      return "from the environment";
    }
    Object fromContext = setting.contextKey() == null ? null : context.get(setting.contextKey());
    if (fromEnv == null && fromContext != null && !"".equals(fromContext)) {
      return "from cdktf.json";
    }
    return "".equals(String.valueOf(value)) ? "not set" : "the default";
  }

  /** The longest value a refusal quotes whole; a longer one is shortened. */
  static final int LONGEST_SHOWN = 256;

  /**
   * A value as a one-line message can show it: control characters escaped (a line break or a
   * terminal escape must not rewrite the message), a very long value shortened.
   */
  static String shown(String value) {
    StringBuilder text = new StringBuilder();
    int shown = value.length() > LONGEST_SHOWN ? value.offsetByCodePoints(0, 64) : value.length();
    for (int i = 0; i < shown; i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        case '\t' -> text.append("\\t");
        case '"' -> text.append("\\\"");
        default -> {
          if (Character.isISOControl(c)) {
            text.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            text.append(c);
          }
        }
      }
    }
    return shown < value.length()
        ? text + "…\" (" + value.length() + " characters, shortened here)"
        : text.toString();
  }

  /**
   * Starts a Terraform template in a JSON string: an interpolation or a directive. The synthesized
   * JSON is evaluated by Terraform, so a setting holding one would run as code at plan time.
   */
  private static final Pattern TEMPLATE = Pattern.compile("[$%]\\{");

  /**
   * Refuses, for every setting at once, a value that would be code, would break a line or is far
   * too long: a Terraform template sequence (<code>${</code>, <code>%{</code>), a control character
   * (a line break, a terminal escape), more than {@link #LONGEST_VALUE} characters. No setting
   * allows any of them, so they are refused rather than escaped; the setting then reads as unset,
   * so that its own rules do not report it a second time. Every string of a value counts: each key
   * and value of a <code>tags</code> object too.
   */
  void refuseUnsafeValues() {
    for (Setting<?> setting : Setting.all()) {
      raw(setting)
          .flatMap(value -> strings(value).filter(SettingSource::unsafeText).findFirst())
          .ifPresent(
              text -> {
                refuse(
                    setting,
                    text,
                    "a value of at most "
                        + LONGEST_VALUE
                        + " characters without the Terraform template sequences \"${\" and"
                        + " \"%{\" (a setting is data, never an expression) and without control"
                        + " characters such as line breaks; allowed: "
                        + plain(setting.allowed()));
                unsafe.add(setting);
              });
    }
  }

  /**
   * The longest string any setting takes: above the longest value AWS accepts for any of them (a
   * KMS key ID or ARN, 2048), so only garbage is refused here.
   */
  static final int LONGEST_VALUE = 2048;

  private static boolean unsafeText(String text) {
    return text.length() > LONGEST_VALUE
        || TEMPLATE.matcher(text).find()
        || text.chars().anyMatch(Character::isISOControl);
  }

  /** Every string in a value: itself, or each key and value of an object or list. */
  private static Stream<String> strings(Object value) {
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream()
          .flatMap(e -> Stream.concat(strings(e.getKey()), strings(e.getValue())));
    }
    if (value instanceof Collection<?> list) {
      return list.stream().flatMap(SettingSource::strings);
    }
    return Stream.of(String.valueOf(value));
  }

  /** The manual's text of what a setting allows, without its Markdown marks. */
  private static String plain(String markdown) {
    return markdown.replace("**", "").replace("`", "");
  }

  /** Whether any of {@code settings} was refused, so that what derives from it is not checked. */
  boolean refused(Setting<?>... settings) {
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
    List<Setting<?>> inContext =
        Setting.all().stream().filter(setting -> setting.contextKey() != null).toList();
    Set<String> settingKeys =
        inContext.stream().map(Setting::contextKey).collect(Collectors.toSet());
    new TreeSet<>(context.keySet())
        .stream()
            .filter(key -> !settingKeys.contains(key) && !isCdktfContextKey(key))
            .forEach(
                key -> {
                  Setting<?> suggestion =
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

  /**
   * An environment variable named {@code DR_...} that is no setting (a typo such as {@code
   * DR_ALARM_EMIAL}) would otherwise leave its setting at the default without a word, so it is
   * refused as strictly as an unknown {@code cdktf.json} key; the tools' own ({@link ToolVariable})
   * pass. Its value is not shown: a variable that is no setting may hold anything, a secret too.
   */
  void refuseUnknownEnvironmentVariables() {
    Map<String, String> known = new TreeMap<>();
    for (Setting<?> setting : Setting.all()) {
      known.put(setting.envVar(), setting.label());
    }
    for (ToolVariable tool : ToolVariable.values()) {
      known.put(tool.variable(), tool.variable() + " (read by " + tool.reader() + ")");
    }
    new TreeSet<>(env.keySet())
        .stream()
            .filter(name -> name.regionMatches(true, 0, "DR_", 0, 3) && !known.containsKey(name))
            .forEach(
                name -> {
                  String suggestion =
                      known.keySet().stream()
                          .min(Comparator.comparingInt(candidate -> editDistance(name, candidate)))
                          .orElseThrow();
                  problems.add(
                      "environment variable "
                          + name
                          + ": not a setting of this stack; did you mean "
                          + known.get(suggestion)
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
