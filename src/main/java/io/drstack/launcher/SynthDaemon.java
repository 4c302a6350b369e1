package io.drstack.launcher;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.jsii.JsiiEngine;
import software.amazon.jsii.JsiiModule;

/**
 * A synthesis server for a checkout: it keeps a JVM, jsii's Node.js process and the AWS provider's
 * loaded assembly between synths, which is most of a synth's cost
 * (docs/maintainers/performance.md), across edits of the app's code. {@code
 * src/main/scripts/app.sh} starts it and sends it each synth over a Unix socket; {@code
 * src/main/scripts/synth-client.js} is the other end.
 *
 * <p>Each synth reads the sources; when they differ from the loaded build's, it compiles them
 * ({@link StackBuild}, in this warm JVM) and loads them in a new class loader, in front of this
 * JVM's, which holds jsii, CDKTF and the provider. A compile error is answered with javac's
 * messages and status 1, and the daemon serves on. The synthesis itself is the build's {@code
 * Main.synthesize}, as {@code Main} runs it without the daemon.
 *
 * <p>Between requests it may compile an edit ahead (javac runs no project code: no annotation
 * processors), but it runs the project's code only for a request: a build compiled ahead is loaded
 * without initializing a class, and a successor's warm-up synthesizes only the sources that a
 * request already ran.
 *
 * <p>A request is the client's environment, {@code NAME=value} entries separated by NUL bytes, up
 * to the end of the client's output, which must arrive within {@link #REQUEST_DEADLINE}: a client
 * that connects and never finishes is dropped, and blocks later synths for that long at most. The
 * answer is frames of a kind byte, a length and that many bytes: first an empty {@code ACCEPTED}
 * (the client's own timeout ends there), then standard output, standard error, and last the exit
 * status as text.
 *
 * <p>jsii keeps every object a synthesis created, on both sides, until its process ends (a strong
 * map in {@code JsiiEngine}; the objects hold their build's class loader), so memory grows with
 * each synth. After a set number of synths, above a resident-memory limit or after a failure other
 * than a refusal or a compile error, the daemon retires: it starts its successor, which compiles
 * and synthesizes once to warm up, then takes the socket over (an atomic rename); the old one
 * serves until then and stops once its socket is not its own. The user does not wait for the
 * successor's start. It also stops when its socket file is gone (a new build of the launcher or
 * {@code mvn clean}) and after an idle period.
 */
public final class SynthDaemon {
  static final byte STDOUT = 1;
  static final byte STDERR = 2;
  static final byte EXIT = 3;
  static final byte ACCEPTED = 4;

  /** How long a client has to send its whole request once connected. */
  static final Duration REQUEST_DEADLINE = Duration.ofSeconds(5);

  /** The largest request read: an environment of settings is a few KiB. */
  private static final int REQUEST_LIMIT = 1 << 20;

  private static final Duration WATCH_INTERVAL = Duration.ofMillis(500);
  private static final Duration AHEAD_INTERVAL = Duration.ofMillis(150);
  private static final String WARM = "--warm=";
  private static final Pattern BUILDS = Pattern.compile("synth-daemon-([0-9]+)\\.builds");

  /** What a daemon is given; {@code successor} is its own command line, or null for no handover. */
  record Settings(
      Path socket,
      Duration idleLimit,
      int synthLimit,
      long residentLimitMib,
      String mainClass,
      StackBuild builds,
      List<String> successor) {}

  private final Settings settings;
  private final Path workDir;
  private final AtomicBoolean busy = new AtomicBoolean();
  private final AtomicLong lastActivity = new AtomicLong(System.nanoTime());
  private volatile Object socketKey;
  private volatile Process successor;
  // jsii's runtime and modules, loaded while the first build compiles; joined before it synthesizes
  // (jsii's engine serves one thread at a time).
  private final Thread preload = new Thread(SynthDaemon::loadJsiiModules, "synth-daemon-preload");
  private final LastSynth lastSynth = new LastSynth();
  // Sources already compiled ahead (whether javac took them or not): not tried again.
  private String triedAhead;
  // The loaded build was compiled ahead, and no client has been told of the change yet.
  private boolean compiledAhead;
  private String fingerprint;
  // The sources of the last build a request ran: the only ones a successor's warm-up may run.
  private volatile String ranFingerprint;
  private Method entry;
  // Syntheses run (not answers repeated): jsii keeps what each creates.
  private volatile int synths;
  private Path buildDir;
  private int builds;

  SynthDaemon(Settings settings) {
    this.settings = settings;
    this.workDir =
        settings
            .socket()
            .resolveSibling("synth-daemon-" + ProcessHandle.current().pid() + ".builds");
  }

  /**
   * Arguments: the socket's path; the idle time after which it stops (ISO-8601, {@code PT30M}); the
   * number of synths and the resident memory in MiB (this JVM and jsii's Node.js process) after
   * which it retires; the {@code --release} to compile with; the main class, whose {@code
   * synthesize(Map)} synthesizes; the sources' and the resources' roots. {@code --warm=FINGERPRINT}
   * last: warm up before taking the socket over (a successor), synthesizing only if the sources
   * still have the fingerprint of those its predecessor's requests ran.
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 8 || args.length > 9 || (args.length == 9 && !args[8].startsWith(WARM))) {
      System.err.println(
          "usage: SynthDaemon SOCKET IDLE_TIME MAX_SYNTHS MAX_RESIDENT_MIB RELEASE MAIN_CLASS"
              + " SOURCES RESOURCES [--warm=FINGERPRINT]");
      System.exit(64);
    }
    List<String> command = new ArrayList<>();
    ProcessHandle.Info self = ProcessHandle.current().info();
    command.add(self.command().orElseThrow());
    command.addAll(List.of(self.arguments().orElseThrow()));
    if (command.get(command.size() - 1).startsWith(WARM)) {
      command.remove(command.size() - 1); // the successor's own is added when it starts
    }
    SynthDaemon daemon =
        new SynthDaemon(
            new Settings(
                Path.of(args[0]),
                Duration.parse(args[1]),
                Integer.parseInt(args[2]),
                Long.parseLong(args[3]),
                args[5],
                new StackBuild(args[4], Path.of(args[6]), Path.of(args[7])),
                command));
    Runtime.getRuntime().addShutdownHook(new Thread(daemon::cleanUp, "synth-daemon-cleanup"));
    daemon.deleteOrphanedBuilds();
    daemon.preload.start();
    if (args.length == 9) {
      daemon.warmUp(args[8].substring(WARM.length()));
    }
    Thread watchdog = new Thread(daemon::watch, "synth-daemon-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    Thread ahead = new Thread(daemon::compileAhead, "synth-daemon-ahead");
    ahead.setDaemon(true);
    ahead.start();
    daemon.serve();
    System.exit(0); // jsii's threads would keep the JVM alive
  }

  /**
   * Serves synths until it retires without a successor, or its successor has taken the socket over;
   * deletes the socket if it is still its own. The idle time and the socket's deletion end the JVM
   * from {@link #watch}, which only {@link #main} starts.
   */
  void serve() throws IOException {
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      // Bound under another name and renamed: binding creates the file before the socket listens,
      // and a client that sees the file in between would be refused. The rename replaces the
      // socket of the daemon this one succeeds.
      Path socket = settings.socket();
      Path binding = socket.resolveSibling(socket.getFileName() + ".binding");
      Files.deleteIfExists(binding);
      server.bind(UnixDomainSocketAddress.of(binding));
      socketKey = key(binding);
      Path pidFile = socket.resolveSibling(socket.getFileName() + ".pid");
      Path pidTemp = socket.resolveSibling(socket.getFileName() + ".pid.binding");
      Files.writeString(pidTemp, ProcessHandle.current().pid() + "\n");
      Files.move(pidTemp, pidFile, StandardCopyOption.ATOMIC_MOVE);
      Files.move(binding, socket, StandardCopyOption.ATOMIC_MOVE);
      lastActivity.set(System.nanoTime()); // idle from when it listens, however slow its start
      while (ownsSocket()) {
        boolean healthy = true;
        try (SocketChannel client = server.accept()) {
          busy.set(true);
          healthy = answer(client);
        } catch (IOException e) {
          System.err.println("synth daemon: a request failed: " + e.getMessage());
        } finally {
          lastActivity.set(System.nanoTime());
          busy.set(false);
        }
        // Between synths, after the answer: the heap that javac and the synthesis grew is given
        // back, so that resident memory measures what the daemon keeps.
        System.gc();
        long resident = residentMib();
        if (successor == null
            && (!healthy
                || synths >= settings.synthLimit()
                || resident > settings.residentLimitMib())) {
          System.err.printf(
              "synth daemon: retiring after %d synths at %d MiB resident%s%n",
              synths, resident, healthy ? "" : ", after a failure");
          if (settings.successor() == null) {
            return;
          }
          List<String> command = new ArrayList<>(settings.successor());
          command.add(WARM + Objects.requireNonNullElse(ranFingerprint, ""));
          // Its environment is this JVM's, which app.sh started from an allowlist.
          successor = new ProcessBuilder(command).inheritIO().start();
        }
      }
    } finally {
      if (ownsSocket()) {
        Files.deleteIfExists(settings.socket());
      }
    }
  }

  /**
   * Between requests, when the sources change, compiles them and loads the build without
   * initializing any of its classes, so that the synth that follows an edit finds it ready; the
   * CLI's own start-up takes longer than that. Nothing of the project runs until a request: javac
   * runs no annotation processor ({@code -proc:none}), and a class's code runs only once a
   * synthesis initializes it. A request always checks the sources it reads against the loaded
   * build's, so a later edit is never missed.
   */
  private void compileAhead() {
    StringWriter discard = new StringWriter();
    while (true) {
      try {
        Thread.sleep(AHEAD_INTERVAL.toMillis());
        if (!busy.get() && successor == null && fingerprint != null) {
          synchronized (this) {
            StackBuild.Snapshot read = settings.builds().read();
            String sources = read.fingerprint();
            if (!sources.equals(fingerprint) && !sources.equals(triedAhead)) {
              triedAhead = sources;
              compiledAhead = load(read, discard);
              discard.getBuffer().setLength(0);
              System.gc(); // as after an answer: javac's garbage must not stay resident
            }
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | ReflectiveOperationException | RuntimeException e) {
        // The next request compiles itself, and reports what went wrong.
      }
    }
  }

  /**
   * Stops the JVM, between synths, once the socket file is not its own (deleted, or taken over by
   * its successor), its successor has died before taking it over, or the idle time has passed.
   */
  private void watch() {
    while (true) {
      try {
        Thread.sleep(WATCH_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (socketKey == null) {
        continue; // not listening yet: a slow start is neither idle nor orphaned
      }
      boolean idle = System.nanoTime() - lastActivity.get() > settings.idleLimit().toNanos();
      Process next = successor;
      boolean orphaned = next != null && !next.isAlive();
      if (!busy.get() && (idle || orphaned || !ownsSocket())) {
        System.exit(0); // the shutdown hook deletes the socket if it is still this daemon's
      }
    }
  }

  /** At exit: the socket if still its own, a successor that has not taken over, its builds. */
  private void cleanUp() {
    try {
      if (ownsSocket()) {
        Process next = successor;
        if (next != null) {
          next.destroy();
        }
        Files.deleteIfExists(settings.socket());
      }
      deleteTree(workDir);
    } catch (IOException e) {
      System.err.println("synth daemon: cleaning up: " + e.getMessage());
    }
  }

  /** Builds left by daemons that ended without cleaning up (killed). */
  private void deleteOrphanedBuilds() throws IOException {
    try (Stream<Path> siblings = Files.list(workDir.getParent())) {
      for (Path dir : siblings.toList()) {
        Matcher name = BUILDS.matcher(dir.getFileName().toString());
        if (name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty()) {
          deleteTree(dir);
        }
      }
    }
  }

  /**
   * A successor's warm-up: one compile, and one synthesis into a temporary directory if the sources
   * are still those that its predecessor's requests ran (compiled only otherwise).
   */
  private void warmUp(String ran) throws IOException {
    Path outdir = Files.createTempDirectory("synth-daemon-warm-up");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("CDKTF_OUTDIR", outdir.toString());
    try {
      StackBuild.Snapshot read = settings.builds().read();
      if (!read.fingerprint().equals(ran)) {
        boolean compiled = load(read, new StringWriter());
        System.err.println(
            "synth daemon: warmed up by compiling only (compiled: " + compiled + ")");
        return;
      }
      ranFingerprint = ran;
      int status = synthesize(read, env, System.out, System.err);
      System.err.println("synth daemon: warmed up (status " + status + ")");
    } catch (ReflectiveOperationException | RuntimeException e) {
      System.err.println("synth daemon: the warm-up failed: " + e);
    } finally {
      deleteTree(outdir);
    }
  }

  /** Runs one synthesis for one client; false when this JVM should retire. */
  private boolean answer(SocketChannel client) throws IOException {
    byte[] request = readRequest(client);
    if (request == null) {
      System.err.printf(
          "synth daemon: a request was not complete within %d s, or too large: dropped%n",
          REQUEST_DEADLINE.toSeconds());
      return true;
    }
    Map<String, String> env = environment(request);
    DataOutputStream frames = new DataOutputStream(Channels.newOutputStream(client));
    // A client that gave up waiting has gone: this write fails, and nothing is synthesized for it.
    frame(frames, ACCEPTED, new byte[0]);
    PrintStream out = System.out;
    PrintStream err = System.err;
    int status;
    boolean healthy = true;
    try (PrintStream clientOut = framed(frames, STDOUT);
        PrintStream clientErr = framed(frames, STDERR)) {
      System.setOut(clientOut);
      System.setErr(clientErr);
      try {
        status = synthesize(env, clientOut, clientErr);
      } catch (InvocationTargetException e) {
        e.getCause().printStackTrace(clientErr);
        status = 1;
        healthy = false;
      } catch (ReflectiveOperationException | RuntimeException e) {
        e.printStackTrace(clientErr);
        status = 1;
        healthy = false;
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
    return healthy;
  }

  /**
   * Compiles and loads the sources if they changed since the loaded build, then runs its {@code
   * synthesize}. Returns its status, or 1 after javac's messages on a compile error.
   */
  private int synthesize(Map<String, String> env, PrintStream out, PrintStream err)
      throws IOException, ReflectiveOperationException {
    return synthesize(settings.builds().read(), env, out, err);
  }

  /** The same, of sources already read. */
  private synchronized int synthesize(
      StackBuild.Snapshot sources, Map<String, String> env, PrintStream out, PrintStream err)
      throws IOException, ReflectiveOperationException {
    if (sources.fingerprint().equals(fingerprint) && compiledAhead) {
      out.println(
          "app.sh: the code changed since the last build: compiling (done ahead of this synth)");
    }
    compiledAhead = false;
    if (!sources.fingerprint().equals(fingerprint)) {
      out.println(
          fingerprint == null
              ? "app.sh: first build: compiling"
              : "app.sh: the code changed since the last build: compiling");
      // javac's messages only when it fails: warnings are lint, mvn verify's.
      StringWriter messages = new StringWriter();
      if (!load(sources, messages)) {
        err.print(messages);
        return 1;
      }
    }
    if (preload.isAlive()) {
      try {
        preload.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while jsii loaded", e);
      }
    }
    String key = LastSynth.key(fingerprint, env);
    Path outdir = LastSynth.outdir(env);
    if (lastSynth.replay(key, outdir, out, err)) {
      return 0;
    }
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    ByteArrayOutputStream printedErr = new ByteArrayOutputStream();
    PrintStream systemOut = System.out;
    PrintStream systemErr = System.err;
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(entry.getDeclaringClass().getClassLoader());
    System.setOut(tee(out, printed));
    System.setErr(tee(err, printedErr));
    synths++;
    ranFingerprint = fingerprint;
    try {
      int status = (Integer) entry.invoke(null, env);
      if (status == 0) {
        System.out.flush();
        System.err.flush();
        lastSynth.record(key, outdir, printed.toByteArray(), printedErr.toByteArray());
      }
      return status;
    } finally {
      System.setOut(systemOut);
      System.setErr(systemErr);
      thread.setContextClassLoader(previous);
    }
  }

  /**
   * Compiles the sources and loads their main class without initializing it: no code of the build
   * runs here. False on a compile error, after javac's messages on {@code messages}, with the
   * loaded build unchanged.
   */
  private synchronized boolean load(StackBuild.Snapshot sources, Writer messages)
      throws IOException, ReflectiveOperationException {
    Path dir = workDir.resolve(Integer.toString(++builds));
    if (!settings.builds().compile(sources, dir, messages)) {
      deleteTree(dir);
      return false;
    }
    ClassLoader loader = StackBuild.loader(dir, SynthDaemon.class.getClassLoader());
    entry = Class.forName(settings.mainClass(), false, loader).getMethod("synthesize", Map.class);
    if (buildDir != null) {
      deleteTree(buildDir); // its classes are loaded already, or never will be
    }
    buildDir = dir;
    fingerprint = sources.fingerprint();
    return true;
  }

  /** What is written to {@code target}, and a copy in {@code copy}. */
  private static PrintStream tee(PrintStream target, ByteArrayOutputStream copy) {
    return new PrintStream(
        new OutputStream() {
          @Override
          public void write(int b) {
            target.write(b);
            copy.write(b);
          }

          @Override
          public void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
            copy.write(bytes, offset, length);
          }

          @Override
          public void flush() {
            target.flush();
          }
        },
        true,
        StandardCharsets.UTF_8);
  }

  /** Starts jsii's runtime and loads every jsii module on this JVM's classpath (the provider's). */
  private static void loadJsiiModules() {
    try {
      for (String entry :
          Pattern.compile(File.pathSeparator, Pattern.LITERAL)
              .splitAsStream(System.getProperty("java.class.path"))
              .toList()) {
        if (!entry.endsWith(".jar")) {
          continue;
        }
        List<String> modules;
        try (JarFile jar = new JarFile(entry)) {
          modules =
              jar.stream()
                  .map(JarEntry::getName)
                  .filter(name -> name.endsWith("/$Module.class"))
                  .map(
                      name ->
                          name.substring(0, name.length() - ".class".length()).replace('/', '.'))
                  .toList();
        }
        for (String module : modules) {
          Class<?> type = Class.forName(module, false, SynthDaemon.class.getClassLoader());
          if (JsiiModule.class.isAssignableFrom(type)) {
            JsiiEngine.getInstance().loadModule(type.asSubclass(JsiiModule.class));
          }
        }
      }
    } catch (IOException | ReflectiveOperationException | RuntimeException e) {
      System.err.println("synth daemon: preloading jsii failed (the synth loads it): " + e);
    }
  }

  private boolean ownsSocket() {
    try {
      return Objects.equals(socketKey, key(settings.socket()));
    } catch (IOException e) {
      return false;
    }
  }

  private static Object key(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }

  /** Resident memory of this JVM and its processes (jsii's Node.js), not its successor's. */
  private long residentMib() {
    Process next = successor;
    long kib = 0;
    for (ProcessHandle process :
        Stream.concat(Stream.of(ProcessHandle.current()), ProcessHandle.current().descendants())
            .toList()) {
      if (next != null && (process.pid() == next.pid() || isDescendant(process, next.pid()))) {
        continue;
      }
      try {
        for (String line : Files.readAllLines(Path.of("/proc", "" + process.pid(), "status"))) {
          if (line.startsWith("VmRSS:")) {
            kib += Long.parseLong(line.replaceAll("[^0-9]", ""));
          }
        }
      } catch (NoSuchFileException e) {
        // ended since it was listed
      } catch (IOException e) {
        return 0; // no /proc: the limit of synths still applies
      }
    }
    return kib / 1024;
  }

  private static boolean isDescendant(ProcessHandle process, long ancestor) {
    for (ProcessHandle p = process; ; ) {
      var parent = p.parent();
      if (parent.isEmpty()) {
        return false;
      }
      p = parent.get();
      if (p.pid() == ancestor) {
        return true;
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /**
   * The client's request, up to the end of its output, or null if it is not complete within {@link
   * #REQUEST_DEADLINE} or is larger than {@link #REQUEST_LIMIT}.
   */
  private static byte[] readRequest(SocketChannel client) throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long deadline = System.nanoTime() + REQUEST_DEADLINE.toNanos();
    client.configureBlocking(false);
    try (Selector selector = Selector.open()) {
      client.register(selector, SelectionKey.OP_READ);
      while (true) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return null;
        }
        selector.select(left);
        selector.selectedKeys().clear();
        int read;
        while ((read = client.read(buffer.clear())) > 0) {
          request.write(buffer.array(), 0, read);
          if (request.size() > REQUEST_LIMIT) {
            return null;
          }
        }
        if (read < 0) {
          return request.toByteArray();
        }
      }
    } finally {
      client.configureBlocking(true); // the selector, closed, has let it go
    }
  }

  private static Map<String, String> environment(byte[] bytes) {
    String request = new String(bytes, StandardCharsets.UTF_8);
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
