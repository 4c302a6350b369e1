package io.drstack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SynthDaemon}, spoken to as {@code synth-client.js} does. In this JVM (sharing the tests'
 * jsii process, so it costs a few synths and no provider load): each synth takes its settings from
 * its own request and nothing from the one before; a refusal is {@code Main}'s (exit status 2, the
 * message, nothing written) and the daemon serves on; any other failure is answered with status 1,
 * then the daemon retires (here, without a successor: it stops serving and deletes its socket). In
 * JVMs of their own, without a synth: a daemon stops by itself after its idle time, and when its
 * socket file is deleted. A client that never finishes its request is dropped after the request
 * deadline, and the next synth is served. The launcher test covers the rest end to end (builds,
 * edits, byte-identical output through the CLI).
 */
class SynthDaemonTest {
  private static final Duration PATIENCE = Duration.ofMinutes(3);
  private static final String CONTEXT =
      "{\"primaryRegion\":\"us-east-1\",\"secondaryRegion\":\"us-east-2\"}";

  private record Answer(int status, String out, String err) {}

  @Test
  void servesEachSynthWithItsOwnSettingsAndStopsAfterAFailure(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("synth.sock");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread daemon =
        new Thread(
            () -> {
              try {
                new SynthDaemon(settings(socket, PATIENCE)).serve();
              } catch (IOException | RuntimeException e) {
                failure.set(e);
              }
            },
            "synth-daemon-under-test");
    daemon.start();
    awaitSocket(socket, daemon::isAlive, failure::toString);

    Answer refused =
        synth(socket, Map.of("ENVIRONMENT_SUFFIX", "Bad_Suffix"), dir.resolve("refused"));
    assertEquals(2, refused.status(), refused.err());
    assertTrue(refused.err().contains("ENVIRONMENT_SUFFIX"), refused.err());
    assertTrue(refused.err().contains("\"Bad_Suffix\""), refused.err());
    assertTrue(refused.err().contains("nothing was synthesized"), refused.err());
    assertFalse(Files.exists(dir.resolve("refused/manifest.json")), "a refused synth's output");

    // A client that connects and never finishes its request holds the daemon for its deadline
    // only, and gets no synth.
    Answer qa;
    Instant before = Instant.now();
    try (SocketChannel hung = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      hung.connect(UnixDomainSocketAddress.of(socket));
      hung.write(ByteBuffer.wrap("ENVIRONMENT_SUFFIX=hung".getBytes(StandardCharsets.UTF_8)));
      qa = synth(socket, Map.of("ENVIRONMENT_SUFFIX", "qa"), dir.resolve("qa"));
      assertEquals(-1, hung.read(ByteBuffer.allocate(16)), "what the hung client was sent");
    }
    assertTrue(
        Duration.between(before, Instant.now()).compareTo(SynthDaemon.REQUEST_DEADLINE) >= 0,
        "the next synth waited for the hung client's deadline");
    assertEquals(0, qa.status(), qa.err());
    assertTrue(Files.exists(dir.resolve("qa/stacks/TapStackqa/cdk.tf.json")), qa.err());

    // No ENVIRONMENT_SUFFIX this time: the default, not the previous synth's "qa".
    Answer dev = synth(socket, Map.of(), dir.resolve("dev"));
    assertEquals(0, dev.status(), dev.err());
    assertTrue(Files.exists(dir.resolve("dev/stacks/TapStackdev/cdk.tf.json")), dev.err());
    assertFalse(Files.exists(dir.resolve("dev/stacks/TapStackqa")), "the previous synth's stack");
    assertTrue(daemon.isAlive(), "the daemon after three synths");

    Answer broken = synth(socket, Map.of("CDKTF_CONTEXT_JSON", "{"), dir.resolve("broken"));
    assertEquals(1, broken.status(), broken.err());
    assertTrue(broken.err().contains("CDKTF_CONTEXT_JSON is not a JSON object"), broken.err());
    daemon.join(PATIENCE.toMillis());
    assertFalse(daemon.isAlive(), "the daemon after a failure");
    assertNull(failure.get(), "what the daemon threw");
    assertFalse(Files.exists(socket), "the socket of a stopped daemon");
  }

  @Test
  void stopsByItselfWhenIdleAndWhenItsSocketIsDeleted(@TempDir Path dir) throws Exception {
    Path idleSocket = dir.resolve("idle.sock");
    Path orphanSocket = dir.resolve("orphan.sock");
    Process idle = start(idleSocket, "PT1S", dir.resolve("idle.log"));
    Process orphan = start(orphanSocket, "PT10M", dir.resolve("orphan.log"));
    Files.delete(orphanSocket); // as a new build or `mvn clean` does with the build's directory

    assertTrue(idle.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the idle daemon's end");
    assertEquals(0, idle.exitValue());
    assertFalse(Files.exists(idleSocket), "the socket of a daemon that stopped when idle");
    assertTrue(orphan.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS), "the orphan daemon's end");
    assertEquals(0, orphan.exitValue());
  }

  /** This project's sources, compiled in the daemon; no successor: it stops when it retires. */
  private static SynthDaemon.Settings settings(Path socket, Duration idle) throws IOException {
    return new SynthDaemon.Settings(
        socket,
        idle,
        25,
        Long.MAX_VALUE,
        "io.drstack.Main",
        new StackBuild("17", Path.of("src/main/java"), Path.of("src/main/resources")),
        null);
  }

  /** A daemon in a JVM of its own, once it listens. */
  private static Process start(Path socket, String idleTime, Path log) throws Exception {
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                SynthDaemon.class.getName(),
                socket.toString(),
                idleTime,
                "25",
                "2048",
                "17",
                "io.drstack.Main",
                "src/main/java",
                "src/main/resources")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      awaitSocket(socket, process::isAlive, () -> Files.readString(log));
    } catch (AssertionError e) {
      process.destroyForcibly();
      throw e;
    }
    return process;
  }

  private interface Diagnostics {
    String get() throws IOException;
  }

  private static void awaitSocket(Path socket, BooleanSupplier alive, Diagnostics diagnostics)
      throws Exception {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (!Files.exists(socket)) {
      if (!alive.getAsBoolean() || Instant.now().isAfter(deadline)) {
        throw new AssertionError("the daemon did not listen: " + diagnostics.get());
      }
      Thread.sleep(20);
    }
  }

  /** One request: the given variables, the output directory and this project's context. */
  private static Answer synth(Path socket, Map<String, String> settings, Path outdir)
      throws IOException {
    Map<String, String> env = new TreeMap<>();
    env.put("CDKTF_OUTDIR", outdir.toString());
    env.put("CDKTF_CONTEXT_JSON", CONTEXT);
    env.putAll(settings);
    StringBuilder request = new StringBuilder();
    env.forEach((name, value) -> request.append(name).append('=').append(value).append('\0'));
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(request.toString().getBytes(StandardCharsets.UTF_8)));
      channel.shutdownOutput();
      DataInputStream frames = new DataInputStream(Channels.newInputStream(channel));
      StringBuilder out = new StringBuilder();
      StringBuilder err = new StringBuilder();
      boolean accepted = false;
      while (true) {
        byte kind;
        try {
          kind = frames.readByte();
        } catch (EOFException e) {
          throw new AssertionError("the daemon closed without an exit status; stderr: " + err, e);
        }
        byte[] payload = new byte[frames.readInt()];
        frames.readFully(payload);
        String text = new String(payload, StandardCharsets.UTF_8);
        switch (kind) {
          case SynthDaemon.ACCEPTED -> accepted = true;
          case SynthDaemon.STDOUT -> out.append(text);
          case SynthDaemon.STDERR -> err.append(text);
          case SynthDaemon.EXIT -> {
            assertTrue(accepted, "the daemon took the request before it answered");
            return new Answer(Integer.parseInt(text), out.toString(), err.toString());
          }
          default -> throw new AssertionError("unknown frame kind " + kind);
        }
      }
    }
  }
}
