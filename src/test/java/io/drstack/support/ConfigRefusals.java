package io.drstack.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drstack.config.ConfigException;
import io.drstack.config.ConfigLoader;
import io.drstack.config.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads configurations that must be refused, and checks that each problem names the setting
 * (context key and environment variable), quotes the bad value and says what is allowed.
 */
public final class ConfigRefusals {
  private ConfigRefusals() {}

  /** Environment variables from alternating names and values, in that order. */
  public static Map<String, String> pairs(String... keyValues) {
    assertEquals(0, keyValues.length % 2, "key/value pairs");
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put(keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  public static ConfigException refusal(Map<String, ?> context, Map<String, String> env) {
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(context, env));
  }

  /**
   * Asserts the configuration is refused for exactly one reason, that the reason is in the message
   * and names the setting, quotes the bad value and contains every fragment of {@code allowed}.
   */
  public static String assertOnlyProblem(
      Map<String, ?> context,
      Map<String, String> env,
      Setting<?> setting,
      String badValue,
      List<String> allowed) {
    ConfigException e = refusal(context, env);
    assertEquals(1, e.problems().size(), () -> "expected exactly one problem: " + e.problems());
    String problem = e.problems().get(0);
    assertTrue(e.getMessage().contains(problem), "the message carries the problem");
    assertTrue(e.getMessage().contains("nothing was synthesized"), e::getMessage);
    assertNamesSetting(problem, setting);
    assertContains(problem, "\"" + badValue + "\"");
    allowed.forEach(fragment -> assertContains(problem, fragment));
    return problem;
  }

  public static void assertNamesSetting(String problem, Setting<?> setting) {
    assertContains(problem, setting.envVar());
    if (setting.contextKey() != null) {
      assertContains(problem, "\"" + setting.contextKey() + "\"");
    }
  }

  public static void assertContains(String text, String fragment) {
    assertTrue(text.contains(fragment), () -> "expected <" + fragment + "> in: " + text);
  }
}
