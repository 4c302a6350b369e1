package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drstack.constructs.FailoverSwitch;
import io.drstack.support.AllStacks;
import io.drstack.support.Synthesized;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The break-glass card (help/operations.md, "Break glass") is made from {@code terraform output
 * -json} by src/main/scripts/break-glass.js: with the outputs each configuration declares it lists
 * every one of them, and an output it needs that the state lacks stops it with that output's name.
 */
class BreakGlassCardTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SCRIPT = Path.of("src/main/scripts/break-glass.js");

  @TempDir Path work;

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void listsEveryOutputOfTheStack(Synthesized stack) throws Exception {
    ObjectNode outputs = outputsAsTerraformPrintsThem(stack);
    Result card = run(stack, outputs);
    assertEquals(0, card.status(), card.stderr());
    assertTrue(card.stdout().startsWith("# Break-glass card: " + stack.config().stackName()));
    List<String> absent = new ArrayList<>();
    outputs
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (!card.stdout().contains("<" + name + ">")) {
                absent.add(name);
              }
            });
    assertEquals(List.of(), absent, "outputs the card does not show");
    // The lever, spelled out: pulled and released in the switch region, on its data plane.
    for (int value : List.of(1, 0)) {
      assertTrue(
          card.stdout()
              .contains(
                  "aws cloudwatch put-metric-data --region <failover_switch_region> --namespace "
                      + FailoverSwitch.NAMESPACE
                      + " --metric-name "
                      + FailoverSwitch.METRIC
                      + " --dimensions <failover_switch_dimensions> --value "
                      + value),
          card.stdout());
    }
    assertFalse(card.stdout().contains("update-health-check --"), "no control-plane lever");
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void refusesAStateWithoutAnOutputItNeeds(Synthesized stack) throws Exception {
    ObjectNode outputs = outputsAsTerraformPrintsThem(stack);
    outputs.remove("secondary_asg_name");
    Result card = run(stack, outputs);
    assertEquals(1, card.status());
    assertTrue(card.stderr().contains("secondary_asg_name"), card.stderr());
  }

  /** Each output's value is its own name in angle brackets, so the card shows where it went. */
  private static ObjectNode outputsAsTerraformPrintsThem(Synthesized stack) {
    ObjectNode outputs = JSON.createObjectNode();
    stack
        .tree()
        .path("output")
        .fieldNames()
        .forEachRemaining(
            name -> outputs.putObject(name).put("sensitive", false).put("value", "<" + name + ">"));
    return outputs;
  }

  private record Result(int status, String stdout, String stderr) {}

  private Result run(Synthesized stack, ObjectNode outputs)
      throws IOException, InterruptedException {
    Path synthesized = work.resolve("cdk.tf.json");
    // As cdktf synth writes it: Testing.synth leaves out the metadata that names the stack.
    ObjectNode json = (ObjectNode) JSON.readTree(stack.json());
    json.putObject("//").putObject("metadata").put("stackName", stack.config().stackName());
    Files.writeString(synthesized, JSON.writeValueAsString(json), StandardCharsets.UTF_8);
    Path stdout = work.resolve("stdout");
    Path stderr = work.resolve("stderr");
    Path stdin = work.resolve("outputs.json");
    Files.writeString(stdin, JSON.writeValueAsString(outputs), StandardCharsets.UTF_8);
    Process node =
        new ProcessBuilder("node", SCRIPT.toString(), synthesized.toString())
            .redirectInput(stdin.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    int status = node.waitFor();
    return new Result(
        status,
        Files.readString(stdout, StandardCharsets.UTF_8),
        Files.readString(stderr, StandardCharsets.UTF_8));
  }
}
