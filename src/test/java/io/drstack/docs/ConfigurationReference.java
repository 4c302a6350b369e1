package io.drstack.docs;

import io.drstack.config.Setting;
import io.drstack.support.GeneratedSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Writes the settings tables of {@code help/configuration.md} from {@link Setting}: one subsection
 * per {@link Setting.Area}, its heading and table between that area's markers, so that the prose
 * around them stays hand-written. {@code ConfigurationReferenceTest} fails when a table is stale.
 */
public final class ConfigurationReference {
  private ConfigurationReference() {}

  public static final Path DOCUMENT = Path.of("help", "configuration.md");
  public static final String COMMAND =
      ". src/main/scripts/jsii-env.sh && mvn -q test-compile exec:java"
          + " -Dexec.classpathScope=test -Dmain.class=io.drstack.docs.ConfigurationReference";

  private static final String HEADER =
      """
      | context key | environment variable | default | allowed | what it does |
      | --- | --- | --- | --- | --- |
      """;

  /** Rewrites every area's section of {@code help/configuration.md}. */
  public static void main(String[] args) throws IOException {
    String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    for (Setting.Area area : Setting.Area.values()) {
      document = section(area).replace(document, text(area));
    }
    Files.writeString(DOCUMENT, document, StandardCharsets.UTF_8);
    System.out.println("Wrote the settings tables into " + DOCUMENT);
  }

  /** Where {@code area}'s subsection stands in the document. */
  public static GeneratedSection section(Setting.Area area) {
    return GeneratedSection.named("settings:" + area.slug());
  }

  /** What belongs between the markers of {@code area}, without them. */
  public static String text(Setting.Area area) {
    return "\n<!-- Generated from io.drstack.config.Setting; do not edit by hand. -->\n\n### "
        + area.title()
        + "\n\n"
        + HEADER
        + Setting.all().stream()
            .filter(setting -> setting.area() == area)
            .map(ConfigurationReference::row)
            .collect(Collectors.joining())
        + "\n";
  }

  private static String row(Setting<?> setting) {
    return "| "
        + String.join(
            " | ",
            setting.contextKey() == null ? "—" : "`" + setting.contextKey() + "`",
            "`" + setting.envVar() + "`",
            setting.documentedDefault(),
            setting.allowed(),
            setting.effect())
        + " |\n";
  }
}
