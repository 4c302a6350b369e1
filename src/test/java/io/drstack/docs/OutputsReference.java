package io.drstack.docs;

import io.drstack.support.GeneratedSection;
import io.drstack.support.Stacks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes the outputs table of {@code help/outputs.md} from the outputs of the synthesized stacks
 * (io.drstack.Outputs): every output any of the test configurations has, with its description.
 * {@code OutputsReferenceTest} fails when the table is stale.
 */
public final class OutputsReference {
  private OutputsReference() {}

  public static final Path DOCUMENT = Path.of("help", "outputs.md");
  public static final GeneratedSection SECTION = GeneratedSection.named("outputs");
  public static final String COMMAND =
      ". src/main/scripts/jsii-env.sh && mvn -q test-compile exec:java"
          + " -Dexec.classpathScope=test -Dmain.class=io.drstack.docs.OutputsReference";

  /** Rewrites the table of {@code help/outputs.md}. */
  public static void main(String[] args) throws IOException {
    String text = text(descriptions());
    // Read only after the slow synthesis, so concurrent edits to the rest of the file survive.
    String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    Files.writeString(DOCUMENT, SECTION.replace(document, text), StandardCharsets.UTF_8);
    System.out.println("Wrote the outputs table into " + DOCUMENT);
  }

  /** Every output of the test configurations' stacks, by name, with its description. */
  public static Map<String, String> descriptions() {
    Map<String, String> descriptions = new TreeMap<>();
    for (Stacks.Configuration configuration : Stacks.Configuration.values()) {
      configuration
          .stack()
          .tree()
          .path("output")
          .fields()
          .forEachRemaining(
              output ->
                  descriptions.put(
                      output.getKey(), output.getValue().path("description").asText()));
    }
    return descriptions;
  }

  /** What belongs between the markers, without them. */
  public static String text(Map<String, String> descriptions) {
    return "\n<!-- Generated from the outputs of the synthesized stacks; do not edit by hand."
        + " Regenerate:\n     "
        + COMMAND
        + " -->\n\n| output | what it holds |\n| --- | --- |\n"
        + descriptions.entrySet().stream()
            .map(e -> "| `" + e.getKey() + "` | " + e.getValue() + " |\n")
            .collect(Collectors.joining())
        + "\n";
  }
}
