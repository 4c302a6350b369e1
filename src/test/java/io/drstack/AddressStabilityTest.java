package io.drstack;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.drstack.support.AllStacks;
import io.drstack.support.BlockDiff;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Resource addresses are Terraform's identity: a restructuring that changes one makes Terraform
 * destroy and re-create the resource. Every block of each test configuration (resources, data
 * sources, outputs, providers, backend), address and body, must equal the recorded copy in {@code
 * src/test/resources/synthesized/}, CDKTF's {@code //} metadata aside.
 *
 * <p>A failure prints only the blocks that changed, with a short diff of each, and the command that
 * records an intended change ({@link #RECORD_COMMAND}); the diff of the recorded copy is then part
 * of the review, and any changed address needs a {@code moved} block or a line in
 * help/operations.md, "Upgrading".
 */
class AddressStabilityTest {
  private static final ObjectWriter JSON =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter()
                  .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                  .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n")));
  private static final ObjectMapper READER = new ObjectMapper();
  private static final Path RECORDED = Path.of("src/test/resources/synthesized");
  static final String RECORD_COMMAND =
      "DR_UPDATE_SYNTHESIZED=1 mvn -q test -Dtest=AddressStabilityTest";

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyAddressAndBodyIsAsRecorded(Synthesized stack) throws IOException {
    String configuration = Stacks.Configuration.of(stack).label();
    String actual = canonical(stack.tree());
    Path recorded = RECORDED.resolve(configuration + ".json");
    // Beside the recorded copy, for a diff when they differ.
    Path synthesized = Path.of("target/synthesized", configuration + ".json");
    Files.createDirectories(synthesized.getParent());
    Files.writeString(synthesized, actual, StandardCharsets.UTF_8);
    if ("1".equals(System.getenv("DR_UPDATE_SYNTHESIZED"))) {
      Files.writeString(recorded, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(recorded), "no recorded copy at " + recorded);
    String expected = Files.readString(recorded, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail(
          configuration
              + ": the synthesized stack differs from "
              + recorded
              + ", block by block:\n"
              + BlockDiff.between(READER.readTree(expected), READER.readTree(actual))
              + "If the change is intended, record it and review the diff of the recorded copy:\n"
              + "  "
              + RECORD_COMMAND
              + "\n"
              + "A changed address needs a moved block or a line in help/operations.md,"
              + " \"Upgrading\". The whole stack as synthesized: "
              + synthesized);
    }
  }

  /** Keys sorted, {@code //} metadata dropped, two-space indentation, one trailing newline. */
  static String canonical(JsonNode tree) throws IOException {
    return JSON.writeValueAsString(sorted(tree)) + "\n";
  }

  private static Object sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> result = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!field.getKey().equals("//")) {
          result.put(field.getKey(), sorted(field.getValue()));
        }
      }
      return result;
    }
    if (node.isArray()) {
      return java.util.stream.StreamSupport.stream(node.spliterator(), false)
          .map(AddressStabilityTest::sorted)
          .toList();
    }
    return node;
  }
}
