package io.drstack.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The daemon's last successful synthesis: the files it wrote and what it printed. Synthesis is a
 * function of the sources and the request's environment (settings, context); a request with the
 * same sources and the same environment but the output directory gets the same files written and
 * the same output printed, without running the stack again.
 */
final class LastSynth {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Where a request writes, which is not part of what it asks for. */
  private static final String OUTDIR = "CDKTF_OUTDIR";

  private String key;
  private Map<String, byte[]> files = Map.of();
  private byte[] out = new byte[0];
  private byte[] err = new byte[0];

  /** What identifies a synthesis: the build's fingerprint and the environment but the outdir. */
  static String key(String fingerprint, Map<String, String> env) {
    StringBuilder request = new StringBuilder(fingerprint).append('\0');
    new TreeMap<>(env)
        .forEach(
            (name, value) -> {
              if (!name.equals(OUTDIR)) {
                request.append(name).append('=').append(value).append('\0');
              }
            });
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(request.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** The output directory of a request, as the app resolves it. */
  static Path outdir(Map<String, String> env) {
    return Path.of(env.getOrDefault(OUTDIR, "cdktf.out"));
  }

  /** Writes and prints the last synthesis again if it answers {@code key}; false otherwise. */
  boolean replay(String key, Path outdir, PrintStream stdout, PrintStream stderr)
      throws IOException {
    if (!key.equals(this.key)) {
      return false;
    }
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Path path = outdir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
    stdout.write(out);
    stdout.flush();
    stderr.write(err);
    stderr.flush();
    return true;
  }

  /** Keeps what a successful synthesis wrote (the manifest and each stack it names) and printed. */
  void record(String key, Path outdir, byte[] printed, byte[] printedErr) throws IOException {
    Map<String, byte[]> written = new LinkedHashMap<>();
    Path manifest = outdir.resolve("manifest.json");
    written.put("manifest.json", Files.readAllBytes(manifest));
    for (JsonNode stack : JSON.readTree(manifest.toFile()).path("stacks")) {
      String path = stack.path("synthesizedStackPath").asText();
      written.put(path, Files.readAllBytes(outdir.resolve(path)));
    }
    this.files = written;
    this.out = printed;
    this.err = printedErr;
    this.key = key;
  }
}
