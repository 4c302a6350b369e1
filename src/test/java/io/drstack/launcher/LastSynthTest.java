package io.drstack.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A synthesis is answered again only for the same sources and the same request. */
class LastSynthTest {
  @TempDir Path work;

  @Test
  void theKeyIsTheSourcesAndEveryVariableButTheOutputDirectory() {
    Map<String, String> env = Map.of("DR_PRIMARY_REGION", "eu-west-1", "CDKTF_OUTDIR", "/a");
    String key = LastSynth.key("sources-1", env);
    assertEquals(
        key,
        LastSynth.key("sources-1", Map.of("DR_PRIMARY_REGION", "eu-west-1", "CDKTF_OUTDIR", "/b")));
    assertNotEquals(key, LastSynth.key("sources-2", env), "an edit");
    assertNotEquals(
        key,
        LastSynth.key("sources-1", Map.of("DR_PRIMARY_REGION", "eu-west-2", "CDKTF_OUTDIR", "/a")),
        "a setting");
    assertNotEquals(
        key,
        LastSynth.key(
            "sources-1",
            Map.of(
                "DR_PRIMARY_REGION",
                "eu-west-1",
                "CDKTF_OUTDIR",
                "/a",
                "CDKTF_CONTEXT_JSON",
                "{}")),
        "the context");
  }

  @Test
  void replaysTheFilesAndTheOutputOfTheSameRequestIntoItsOutputDirectory() throws IOException {
    Path first = work.resolve("first");
    Path stack = first.resolve("stacks/TapStackdev/cdk.tf.json");
    Files.createDirectories(stack.getParent());
    Files.writeString(
        first.resolve("manifest.json"),
        "{\"stacks\":{\"TapStackdev\":{\"synthesizedStackPath\":\"stacks/TapStackdev/cdk.tf.json\"}}}");
    Files.writeString(stack, "{\"resource\":{}}");
    LastSynth last = new LastSynth();
    last.record("k", first, "printed\n".getBytes(StandardCharsets.UTF_8), new byte[0]);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path second = work.resolve("second");
    assertFalse(last.replay("other", second, new PrintStream(out), new PrintStream(err)));
    assertFalse(Files.exists(second), "nothing written for another request");

    assertTrue(last.replay("k", second, new PrintStream(out), new PrintStream(err)));
    assertArrayEquals(
        Files.readAllBytes(stack),
        Files.readAllBytes(second.resolve("stacks/TapStackdev/cdk.tf.json")));
    assertArrayEquals(
        Files.readAllBytes(first.resolve("manifest.json")),
        Files.readAllBytes(second.resolve("manifest.json")));
    assertEquals("printed\n", out.toString(StandardCharsets.UTF_8));
  }
}
