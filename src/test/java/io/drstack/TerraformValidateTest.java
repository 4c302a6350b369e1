package io.drstack;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import io.drstack.support.AllStacks;
import io.drstack.support.Examples;
import io.drstack.support.Synthesized;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Every test configuration (among them the strongly consistent table) is valid Terraform for the
 * real AWS provider: cdktf's own matcher runs {@code terraform init} and {@code terraform validate}
 * on it. Runs where the tools are installed (after {@code eval "$(.ci/tools/terraform.sh env)"}, as
 * .ci/run does) and is reported as skipped elsewhere. So is every shipped example (examples/). See
 * docs/maintainers/testing.md.
 */
class TerraformValidateTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void stackIsValidTerraform(Synthesized synthesized) throws IOException {
    assumeTerraform();
    String outdir = Testing.fullSynth(synthesized.stack());
    Path stack = stackDirectory(Path.of(outdir));
    useMirroredProviderVersion(stack);
    initWithoutRemoteState(stack);
    assertTrue(
        Testing.toBeValidTerraform(outdir),
        () -> "terraform validate:\n" + run(stack, "terraform", "validate", "-no-color"));
  }

  /**
   * Every shipped example, initialized without its backend: the production example keeps its state
   * in an S3 bucket that does not exist here.
   */
  @ParameterizedTest
  @ArgumentsSource(Examples.class)
  void exampleIsValidTerraform(Examples.Example example) throws IOException {
    assumeTerraform();
    Path stack = stackDirectory(Path.of(Testing.fullSynth(example.stack().stack())));
    useMirroredProviderVersion(stack);
    String init = run(stack, "terraform", "init", "-backend=false", "-no-color");
    assertTrue(init.startsWith("exit 0\n"), () -> "terraform init:\n" + init);
    String validate = run(stack, "terraform", "validate", "-no-color");
    assertTrue(validate.startsWith("exit 0\n"), () -> "terraform validate:\n" + validate);
  }

  private static void assumeTerraform() {
    String cliConfig = System.getenv("TF_CLI_CONFIG_FILE");
    assumeTrue(
        cliConfig != null && Files.isRegularFile(Path.of(cliConfig)),
        "no Terraform CLI configuration with the provider mirror (TF_CLI_CONFIG_FILE);"
            + " run eval \"$(.ci/tools/terraform.sh env)\" first");
    assumeTrue(onPath("terraform"), "no terraform on PATH");
  }

  /** The one stack's working directory, as the synthesized manifest names it. */
  private static Path stackDirectory(Path outdir) throws IOException {
    JsonNode stacks = JSON.readTree(outdir.resolve("manifest.json").toFile()).path("stacks");
    assertTrue(stacks.size() == 1, "one stack: " + stacks);
    return outdir.resolve(stacks.elements().next().path("workingDirectory").asText());
  }

  /**
   * The synthesized JSON pins the provider version the bindings target; when the mirror holds
   * another one (DR_TF_AWS_PROVIDER_VERSION, set by terraform.sh), a Terraform override file names
   * it, exactly as .ci/tools/terraform.sh does.
   */
  private static void useMirroredProviderVersion(Path stack) throws IOException {
    String mirrored = System.getenv("DR_TF_AWS_PROVIDER_VERSION");
    String required =
        JSON.readTree(stack.resolve("cdk.tf.json").toFile())
            .path("terraform")
            .path("required_providers")
            .path("aws")
            .path("version")
            .asText();
    if (mirrored != null && !mirrored.isEmpty() && !mirrored.equals(required)) {
      Files.writeString(
          stack.resolve("provider_version_override.tf.json"),
          "{\"terraform\":{\"required_providers\":{\"aws\":{\"source\":\"hashicorp/aws\","
              + "\"version\":\""
              + mirrored
              + "\"}}}}\n",
          StandardCharsets.UTF_8);
    }
  }

  /**
   * The matcher's {@code terraform init} would open an S3 backend's bucket, which no test has; a
   * Terraform override file replaces that backend with a local one, as {@code init -backend=false}
   * (.ci/tools/terraform.sh) leaves it aside: {@code validate} checks no backend block either way.
   */
  private static void initWithoutRemoteState(Path stack) throws IOException {
    JsonNode backend =
        JSON.readTree(stack.resolve("cdk.tf.json").toFile()).path("terraform").path("backend");
    if (backend.has("s3")) {
      Files.writeString(
          stack.resolve("backend_override.tf.json"),
          "{\"terraform\":{\"backend\":{\"local\":{\"path\":\"validate.tfstate\"}}}}\n",
          StandardCharsets.UTF_8);
    }
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator, -1)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs a command in the stack's directory: {@code exit <status>}, a line break, then its output
   * (the matcher returns only a boolean, without the tool's own words).
   */
  private static String run(Path stack, String... command) {
    try {
      Path log = Files.createTempFile("terraform", ".log");
      Process process =
          new ProcessBuilder(command)
              .directory(stack.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        return "(" + String.join(" ", command) + " did not finish within 5 minutes)";
      }
      return "exit " + process.exitValue() + "\n" + Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(could not run " + String.join(" ", command) + ": " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }
}
