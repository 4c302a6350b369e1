package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The declared tool variables are exactly the {@code DR_} names the project's scripts use besides
 * the settings': a synth refuses any other, so a script that sets an undeclared one would break
 * every synth it runs, and a declared one that no tool reads would let its typo through.
 */
class ToolVariableTest {

  /**
   * Where a synth's environment is made: the launchers, CI and its tools, the benchmarks, the
   * launcher test. Their Python tools are left out: they talk to AWS or hand the canary the
   * instances' own environment ({@code DR_REGION}, {@code DR_TABLE_NAME}, ...), never run a synth.
   */
  static final List<Path> SCRIPT_DIRECTORIES =
      List.of(
          Path.of(".ci"),
          Path.of("src/main/scripts"),
          Path.of("src/bench"),
          Path.of("src/test/scripts"));

  /** Where the tests read theirs (AddressStabilityTest, TerraformValidateTest). */
  static final Path TESTS = Path.of("src/test/java");

  private static final Pattern DR_NAME = Pattern.compile("\\bDR_[A-Z0-9_]*[A-Z0-9]");

  @Test
  void everyDrVariableOfTheScriptsIsASettingOrADeclaredToolVariable() {
    Set<String> settings = new TreeSet<>();
    for (Setting<?> setting : Setting.all()) {
      settings.add(setting.envVar());
    }
    Map<String, Path> undeclared = new TreeMap<>();
    for (Path dir : SCRIPT_DIRECTORIES) {
      names(dir, path -> !path.toString().endsWith(".py"))
          .forEach(
              (name, path) -> {
                if (!settings.contains(name) && ToolVariable.named(name).isEmpty()) {
                  undeclared.put(name, path);
                }
              });
    }
    assertEquals(
        new TreeMap<String, Path>(),
        undeclared,
        "DR_ variables a script uses that a synth would refuse: declare each in ToolVariable");
  }

  @Test
  void everyToolVariableIsReadSomewhere() {
    Set<String> used = new TreeSet<>();
    for (Path dir : Stream.concat(SCRIPT_DIRECTORIES.stream(), Stream.of(TESTS)).toList()) {
      used.addAll(names(dir, path -> true).keySet());
    }
    List<String> unused =
        Stream.of(ToolVariable.values())
            .map(ToolVariable::variable)
            .filter(name -> !used.contains(name))
            .toList();
    assertEquals(List.of(), unused, "tool variables no script or test reads");
  }

  /** Every {@code DR_} name in the files under {@code dir}, with a file that has it. */
  private static Map<String, Path> names(Path dir, Predicate<Path> included) {
    Map<String, Path> names = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).filter(included).toList()) {
        String text;
        try {
          text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
          continue; // not text
        }
        Matcher matcher = DR_NAME.matcher(text);
        while (matcher.find()) {
          names.putIfAbsent(matcher.group(), file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
