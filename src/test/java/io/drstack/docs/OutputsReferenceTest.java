package io.drstack.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.AllStacks;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class OutputsReferenceTest {

  @Test
  void committedTableIsCurrent() throws IOException {
    String document = Files.readString(OutputsReference.DOCUMENT, StandardCharsets.UTF_8);
    assertEquals(
        OutputsReference.text(OutputsReference.descriptions()),
        OutputsReference.SECTION.current(document),
        OutputsReference.DOCUMENT
            + " shows an outdated outputs table; regenerate it with: "
            + OutputsReference.COMMAND);
  }

  /**
   * A reader of the table learns which outputs a configuration may lack: exactly those outputs say
   * when they are there.
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void anOutputThisStackLacksSaysWhenItIsThere(Synthesized stack) {
    JsonNode outputs = stack.tree().path("output");
    for (Map.Entry<String, String> output : OutputsReference.descriptions().entrySet()) {
      if (!outputs.has(output.getKey())) {
        assertTrue(
            output.getValue().startsWith("Only "), output.getKey() + ": " + output.getValue());
      }
    }
  }

  @Test
  void anOutputThatSaysOnlyIsMissingFromSomeConfiguration() {
    Map<String, String> descriptions = OutputsReference.descriptions();
    for (Map.Entry<String, String> output : descriptions.entrySet()) {
      if (output.getValue().startsWith("Only ")) {
        boolean everywhere =
            Arrays.stream(Stacks.Configuration.values())
                .allMatch(c -> c.stack().tree().path("output").has(output.getKey()));
        assertFalse(everywhere, output.getKey() + " is in every configuration");
      }
    }
  }

  /** Each description is one table cell. */
  @Test
  void everyDescriptionFillsOneCell() {
    OutputsReference.descriptions()
        .forEach(
            (name, description) -> {
              assertFalse(description.isBlank(), name);
              assertFalse(
                  description.contains("\n") || description.contains("|"),
                  () -> name + ": " + description);
            });
  }
}
