package io.drstack.launcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import io.drstack.TapStack;
import io.drstack.config.ConfigException;
import io.drstack.config.ConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A synthesis server for one build of the app: it keeps a JVM, jsii's Node.js process and the AWS
 * provider's loaded assembly between synths, which is most of a synth's cost (help/performance.md).
 * {@code src/main/scripts/app.sh} starts it and sends it each synth over a Unix socket in the
 * build's directory; {@code src/main/scripts/synth-client.js} is the other end.
 *
 * <p>A request is the client's environment, {@code NAME=value} entries separated by NUL bytes, up
 * to the end of the client's output. Each synthesis builds a new {@link App} with the outdir and
 * context the CDKTF CLI passed ({@code CDKTF_OUTDIR}, {@code CDKTF_CONTEXT_JSON}) and the rest of
 * the environment as the settings' overrides, exactly as {@link io.drstack.Main} reads them. The
 * answer is frames of a kind byte, a length and that many bytes: standard output, standard error,
 * and last the exit status as text, the status {@code Main} would exit with.
 *
 * <p>It stops when its socket file is gone (a new build or {@code mvn clean} deleted the build's
 * directory), after an idle period, after a set number of synths (jsii keeps every object a
 * synthesis created until its process ends, so memory grows with each) and after any failure other
 * than a refused configuration, so that the next synth starts a fresh one.
 */
public final class SynthDaemon {
  static final byte STDOUT = 1;
  static final byte STDERR = 2;
  static final byte EXIT = 3;

  private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path socket;
  private final Duration idleLimit;
  private final int synthLimit;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());

  SynthDaemon(Path socket, Duration idleLimit, int synthLimit) {
    this.socket = socket;
    this.idleLimit = idleLimit;
    this.synthLimit = synthLimit;
  }

  /**
   * Arguments: the socket's path, the idle time after which it stops (ISO-8601, {@code PT30M}), the
   * number of synths after which it stops.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: SynthDaemon SOCKET IDLE_TIME MAX_SYNTHS");
      System.exit(64);
    }
    SynthDaemon daemon =
        new SynthDaemon(Path.of(args[0]), Duration.parse(args[1]), Integer.parseInt(args[2]));
    Thread watchdog = new Thread(daemon::watch, "synth-daemon-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    daemon.serve();
    System.exit(0); // jsii's threads would keep the JVM alive
  }

  /**
   * Serves synths until the synth limit or a failure other than a refusal, then deletes the socket.
   * The idle time and the socket's deletion end the JVM from {@link #watch}, which only {@link
   * #main} starts.
   */
  void serve() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      // Bound under another name and renamed: binding creates the file before the socket listens,
      // and a client that sees the file in between would be refused.
      Path binding = socket.resolveSibling(socket.getFileName() + ".binding");
      Files.deleteIfExists(binding);
      server.bind(UnixDomainSocketAddress.of(binding));
      Files.move(binding, socket, StandardCopyOption.ATOMIC_MOVE);
      boolean healthy = true;
      for (int synths = 0; healthy && synths < synthLimit; synths++) {
        try (SocketChannel client = server.accept()) {
          busy.set(true);
          healthy = answer(client);
        } catch (IOException e) {
          System.err.println("synth daemon: a request failed: " + e.getMessage());
        } finally {
          lastActivity.set(System.nanoTime());
          busy.set(false);
        }
      }
    } finally {
      Files.deleteIfExists(socket);
    }
  }

  /** Stops the JVM, between synths, once the socket file is gone or the idle time has passed. */
  private void watch() {
    while (true) {
      try {
        Thread.sleep(WATCH_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      boolean idle = System.nanoTime() - lastActivity.get() > idleLimit.toNanos();
      if (!busy.get() && (idle || !Files.exists(socket))) {
        try {
          Files.deleteIfExists(socket); // System.exit runs no finally block of serve()
        } catch (IOException e) {
          System.err.println("synth daemon: could not delete " + socket + ": " + e.getMessage());
        }
        System.exit(0);
      }
    }
  }

  /** Runs one synthesis for one client; false when this JVM should not run another. */
  private static boolean answer(SocketChannel client) throws IOException {
    Map<String, String> env = environment(Channels.newInputStream(client));
    DataOutputStream frames = new DataOutputStream(Channels.newOutputStream(client));
    PrintStream out = System.out;
    PrintStream err = System.err;
    int status;
    try (PrintStream clientOut = framed(frames, STDOUT);
        PrintStream clientErr = framed(frames, STDERR)) {
      System.setOut(clientOut);
      System.setErr(clientErr);
      try {
        synthesize(env);
        status = 0;
      } catch (ConfigException e) {
        clientErr.println(e.getMessage());
        status = 2;
      } catch (RuntimeException e) {
        e.printStackTrace(clientErr);
        status = 1;
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    try {
      frame(frames, EXIT, Integer.toString(status).getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      err.println("synth daemon: the client left before the end of its synth: " + e.getMessage());
    }
    return status != 1;
  }

  /** What {@link io.drstack.Main} does, with the CLI's variables taken from the request. */
  private static void synthesize(Map<String, String> env) {
    App.Builder app = App.Builder.create();
    String outdir = env.get("CDKTF_OUTDIR");
    if (outdir != null) {
      app.outdir(outdir);
    }
    String context = env.get("CDKTF_CONTEXT_JSON");
    if (context != null && !context.isEmpty()) {
      try {
        app.context(JSON.readValue(context, new TypeReference<Map<String, Object>>() {}));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "CDKTF_CONTEXT_JSON is not a JSON object: " + e.getOriginalMessage(), e);
      }
    }
    App built = app.build();
    new TapStack(built, ConfigLoader.load(built, env));
    built.synth();
  }

  private static Map<String, String> environment(InputStream in) throws IOException {
    String request = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    Map<String, String> env = new HashMap<>();
    int start = 0;
    for (int end = request.indexOf('\0'); end >= 0; end = request.indexOf('\0', start)) {
      int equals = request.indexOf('=', start);
      if (equals > start && equals < end) {
        env.put(request.substring(start, equals), request.substring(equals + 1, end));
      }
      start = end + 1;
    }
    return env;
  }

  /** A stream whose every flush sends what was written as one frame of the given kind. */
  private static PrintStream framed(DataOutputStream frames, byte kind) {
    OutputStream sink =
        new ByteArrayOutputStream() {
          @Override
          public synchronized void flush() throws IOException {
            if (count > 0) {
              frame(frames, kind, toByteArray());
              reset();
            }
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        };
    return new PrintStream(sink, true, StandardCharsets.UTF_8);
  }

  private static void frame(DataOutputStream frames, byte kind, byte[] payload) throws IOException {
    synchronized (frames) {
      frames.writeByte(kind);
      frames.writeInt(payload.length);
      frames.write(payload);
      frames.flush();
    }
  }
}
