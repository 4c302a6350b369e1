package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@link Main}, in its own JVM, refuses a bad configuration: it exits non-zero, says why
 * on stderr, and leaves no Terraform configuration behind. One child JVM: it is slow.
 */
class MainRefusalTest {

  @Test
  void badSuffixStopsMainBeforeAnythingIsSynthesized(@TempDir Path dir) throws Exception {
    Path outdir = dir.resolve("cdktf.out");
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName())
            .directory(dir.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    // Only the settings under test: none inherited from whoever runs the build.
    env.keySet().removeIf(key -> key.startsWith("DR_") || key.startsWith("CDKTF_"));
    env.put("ENVIRONMENT_SUFFIX", "Bad_Suffix");
    env.put("CDKTF_OUTDIR", outdir.toString());
    env.put("CDKTF_CONTEXT_JSON", "{}");

    Process process = builder.start();
    if (!process.waitFor(3, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("Main did not exit within 3 minutes");
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    String diagnostics = "stderr:\n" + err + "\nstdout:\n" + Files.readString(stdout);

    assertNotEquals(0, process.exitValue(), diagnostics);
    assertEquals(2, process.exitValue(), diagnostics);
    assertTrue(err.contains("ENVIRONMENT_SUFFIX"), diagnostics);
    assertTrue(err.contains("\"Bad_Suffix\""), diagnostics);
    assertTrue(err.contains("nothing was synthesized"), diagnostics);
    assertEquals(List.of(), synthesized(dir), "files a synthesis writes");
  }

  private static List<Path> synthesized(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(
              path ->
                  path.endsWith("cdk.tf.json")
                      || path.endsWith("manifest.json")
                      || path.getFileName().toString().endsWith(".tf.json"))
          .toList();
    }
  }
}
