package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.Synthesized;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No setting reaches the synthesized JSON as code. Every setting (the list is {@link Setting}'s, so
 * a new one is covered the day it is declared), from the environment and from {@code cdktf.json},
 * is given each hostile value: refused, naming the setting, the value and where it came from; or,
 * where accepted, synthesized and found in the JSON as a literal, outside any Terraform template.
 */
class SettingsAreDataTest {

  /** What an attacker or a slip of the keyboard puts into a setting. */
  static final List<String> HOSTILE =
      List.of(
          "${file(\"/etc/hostname\")}",
          "Owner=${file(\"/etc/hostname\")}",
          "x@${sha1(file(\"/etc/hostname\"))}.example.net",
          "%{ if true }x%{ endif }",
          "$${escaped}",
          "<<EOT\nx\nEOT",
          "line\nbreak",
          "tab\tand\u001b[31mterminal escape",
          "<<EOT",
          "\"double\" 'single' \\back",
          "\uFF04\uFF5Bfullwidth\uFF5D \uFE69{small} \uFF05\uFF5Bpercent\uFF5D",
          "a".repeat(SettingSource.LONGEST_VALUE + 1));

  /**
   * The configurations each value is tried in: the defaults, and an S3 state backend (whose
   * settings the local one does not read). A value must be refused or found in at least one.
   */
  static final List<Map<String, String>> BASES =
      List.of(
          Map.of(),
          Map.of(
              "DR_STATE_BACKEND", "s3",
              "DR_STATE_BUCKET", "my-state-bucket",
              "DR_STATE_LOCK_TABLE", "terraform-locks"));

  /** One hostile value in one setting, from the environment or from {@code cdktf.json}. */
  record Case(Setting<?> setting, String value, boolean fromContext) {
    @Override
    public String toString() {
      return (fromContext ? setting.contextKey() : setting.envVar())
          + " = \""
          + SettingSource.shown(value)
          + "\"";
    }

    Map<String, Object> context() {
      return fromContext ? Map.of(setting.contextKey(), value) : Map.of();
    }

    Map<String, String> env(Map<String, String> base) {
      Map<String, String> env = new HashMap<>(base);
      env.remove(setting.envVar());
      if (!fromContext) {
        env.put(setting.envVar(), value);
      }
      return env;
    }
  }

  static Stream<Case> cases() {
    return Setting.all().stream()
        .flatMap(
            setting ->
                HOSTILE.stream()
                    .flatMap(
                        value ->
                            setting.contextKey() == null
                                ? Stream.of(new Case(setting, value, false))
                                : Stream.of(
                                    new Case(setting, value, false),
                                    new Case(setting, value, true))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aHostileValueIsRefusedNamingItsSettingOrStaysALiteral(Case hostile) {
    List<String> seenIn = new ArrayList<>();
    for (Map<String, String> base : BASES) {
      Optional<DrConfig> accepted = load(hostile.context(), hostile.env(base), hostile);
      if (accepted.isEmpty()) {
        return;
      }
      if (!accepted.get().equals(ConfigLoader.load(Map.of(), base))) {
        assertLiteral(Synthesized.of(accepted.get()), hostile.value(), hostile);
        seenIn.add(base.toString());
      }
    }
    assertFalse(
        seenIn.isEmpty(), () -> hostile + " is accepted but changes no configuration: ignored");
  }

  /** Tag keys and values each, beside their neighbours, in both forms the setting takes. */
  @ParameterizedTest
  @MethodSource("hostileStrings")
  void aHostileTagKeyOrValueIsRefused(String value) {
    List<Map.Entry<Map<String, Object>, Map<String, String>>> forms =
        List.of(
            Map.entry(Map.of(), Map.of("DR_TAGS", "Owner=team-a,Note=" + value)),
            Map.entry(Map.of(), Map.of("DR_TAGS", value + "=x,Owner=team-a")),
            Map.entry(Map.of("tags", Map.of("Owner", "team-a", "Note", value)), Map.of()),
            Map.entry(Map.of("tags", Map.of(value, "x")), Map.of()));
    for (var form : forms) {
      Case hostile = new Case(Setting.TAGS, value, form.getValue().isEmpty());
      Optional<DrConfig> accepted = load(form.getKey(), form.getValue(), hostile);
      accepted.ifPresent(config -> fail(hostile + " accepted as tags " + config.tags()));
    }
  }

  static Stream<String> hostileStrings() {
    return HOSTILE.stream();
  }

  /**
   * The configuration, or empty when refused; a refusal must name the setting and where the value
   * came from, and quote it (as shown in a message).
   */
  private static Optional<DrConfig> load(
      Map<String, Object> context, Map<String, String> env, Case hostile) {
    try {
      return Optional.of(ConfigLoader.load(context, env));
    } catch (ConfigException e) {
      String origin = hostile.fromContext() ? "(from cdktf.json)" : "(from the environment)";
      assertTrue(
          e.problems().stream()
              .anyMatch(
                  problem ->
                      problem.startsWith(hostile.setting().label() + " = \"")
                          && problem.contains(origin)),
          () -> hostile + ": no problem names the setting and where it came from: " + e);
      assertTrue(
          e.problems().stream()
              .noneMatch(problem -> problem.chars().anyMatch(Character::isISOControl)),
          () -> hostile + ": a control character reaches the message: " + e.problems());
      return Optional.empty();
    }
  }

  /** The value is in the JSON as it was given, and no part of it is in a template. */
  private static void assertLiteral(Synthesized stack, String value, Case hostile) {
    List<String> holding = new ArrayList<>();
    strings(stack.tree(), holding);
    List<String> containing = holding.stream().filter(text -> text.contains(value)).toList();
    assertFalse(containing.isEmpty(), () -> hostile + " accepted but not in the JSON literally");
    for (String text : containing) {
      for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
        int from = at;
        assertTrue(
            templates(text).stream()
                .noneMatch(span -> span[0] < from + value.length() && span[1] > from),
            () -> hostile + " is (part of) a Terraform template: " + text);
      }
    }
  }

  /**
   * Where Terraform sees templates in a JSON string: each <code>${...}</code> and <code>%{...}
   * </code> as start and end; <code>$${</code> and <code>%%{</code> are its escapes for the literal
   * characters.
   */
  static List<int[]> templates(String text) {
    List<int[]> spans = new ArrayList<>();
    int depth = 0;
    int start = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean opens = (c == '$' || c == '%') && i + 1 < text.length();
      if (depth == 0
          && opens
          && text.charAt(i + 1) == c
          && i + 2 < text.length()
          && text.charAt(i + 2) == '{') {
        i += 2; // an escape: the literal characters
      } else if (opens && text.charAt(i + 1) == '{') {
        if (depth == 0) {
          start = i;
        }
        depth++;
        i++;
      } else if (c == '{' && depth > 0) {
        depth++;
      } else if (c == '}' && depth > 0 && --depth == 0) {
        spans.add(new int[] {start, i + 1});
      }
    }
    if (depth > 0) {
      spans.add(new int[] {start, text.length()});
    }
    return spans;
  }

  @Test
  void templatesAreFoundAsTerraformSeesThem() {
    assertEquals(1, templates("a ${b} c").size());
    assertEquals(3, templates("%{ if x }${y}%{ endif }").size());
    assertEquals(0, templates("$${literal} %%{literal} ＄｛fullwidth｝").size());
    assertEquals(1, templates("${a({b = 1})} tail").size());
    assertArrayEquals(new int[] {2, 15}, templates("x ${a({b = 1})} tail").get(0));
  }

  /** Every string of the JSON, object keys among them. */
  private static void strings(JsonNode node, List<String> into) {
    if (node.isTextual()) {
      into.add(node.asText());
    }
    node.fieldNames().forEachRemaining(into::add);
    node.elements().forEachRemaining(child -> strings(child, into));
  }
}
