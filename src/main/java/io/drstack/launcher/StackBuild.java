package io.drstack.launcher;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The app's sources compiled for a synth, without lint (Spotless and Error Prone belong to {@code
 * mvn verify}): what {@code src/main/scripts/app.sh} runs in place of Maven's compile, once per
 * build without the synth daemon, and what the daemon does in its warm JVM after each edit.
 *
 * <p>The files are read once; their bytes are both fingerprinted and compiled, so a build is the
 * sources as they were when read, whatever their mtimes. Every source is compiled each time, so an
 * added, a deleted or a put-back file is never missed.
 */
public final class StackBuild {
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  // Kept across compiles: it indexes the classpath's jars (the AWS provider's is large) once.
  private final StandardJavaFileManager files =
      javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
  private final String release;
  private final Path sources;
  private final Path resources;

  /**
   * @param release the {@code --release} of pom.xml's {@code maven.compiler.release}
   * @param sources the Java sources' root ({@code src/main/java})
   * @param resources the resources' root ({@code src/main/resources}; it need not exist)
   */
  public StackBuild(String release, Path sources, Path resources) throws IOException {
    this.release = release;
    this.sources = sources;
    this.resources = resources;
    files.setLocation(
        StandardLocation.CLASS_PATH,
        Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
            .filter(entry -> !entry.isEmpty())
            .map(java.io.File::new)
            .toList());
  }

  /** The source and resource files as read now: relative path to bytes, and their fingerprint. */
  public record Snapshot(Map<Path, byte[]> java, Map<Path, byte[]> resources, String fingerprint) {}

  public Snapshot read() throws IOException {
    Map<Path, byte[]> java = readTree(sources);
    Map<Path, byte[]> other = readTree(resources);
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (Map<Path, byte[]> tree : List.of(java, other)) {
      for (Map.Entry<Path, byte[]> file : tree.entrySet()) {
        digest.update(file.getKey().toString().getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Integer.toString(file.getValue().length).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(file.getValue());
      }
      digest.update((byte) 1);
    }
    return new Snapshot(java, other, HexFormat.of().formatHex(digest.digest()));
  }

  /**
   * Compiles the snapshot's Java sources into {@code output} and copies its resources there. False
   * on a compile error, after javac's messages, as javac prints them, on {@code diagnostics}.
   */
  public boolean compile(Snapshot snapshot, Path output, Writer diagnostics) throws IOException {
    Files.createDirectories(output);
    List<JavaFileObject> units = new ArrayList<>();
    snapshot.java().forEach((path, bytes) -> units.add(source(sources.resolve(path), bytes)));
    files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(output.toFile()));
    List<String> options = List.of("--release", release, "-g", "-proc:none", "-implicit:none");
    boolean compiled = javac.getTask(diagnostics, files, null, options, null, units).call();
    diagnostics.flush();
    if (compiled) {
      for (Map.Entry<Path, byte[]> resource : snapshot.resources().entrySet()) {
        Path target = output.resolve(resource.getKey().toString());
        Files.createDirectories(target.getParent());
        Files.write(target, resource.getValue());
      }
    }
    return compiled;
  }

  /**
   * A class loader for a compiled build, in front of this JVM's (which holds jsii, CDKTF and the
   * provider, loaded once): it loads the build's own classes itself, before asking its parent, so
   * each build has its classes afresh even where the parent has classes of the same names.
   */
  public static ClassLoader loader(Path output, ClassLoader parent) {
    URL url;
    try {
      url = output.toUri().toURL();
    } catch (java.net.MalformedURLException e) {
      throw new UncheckedIOException(e);
    }
    return new URLClassLoader("build " + output.getFileName(), new URL[] {url}, parent) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          Class<?> loaded = findLoadedClass(name);
          if (loaded == null && findResource(name.replace('.', '/') + ".class") != null) {
            loaded = findClass(name);
          }
          if (loaded == null) {
            return super.loadClass(name, resolve);
          }
          if (resolve) {
            resolveClass(loaded);
          }
          return loaded;
        }
      }

      @Override
      public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
      }
    };
  }

  private static Map<Path, byte[]> readTree(Path root) throws IOException {
    Map<Path, byte[]> tree = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return tree;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        tree.put(root.relativize(file), Files.readAllBytes(file));
      }
    }
    return tree;
  }

  private static JavaFileObject source(Path path, byte[] bytes) {
    URI uri = path.toUri();
    String text = new String(bytes, StandardCharsets.UTF_8);
    return new SimpleJavaFileObject(uri, JavaFileObject.Kind.SOURCE) {
      @Override
      public CharSequence getCharContent(boolean ignoreEncodingErrors) {
        return text;
      }
    };
  }

  /**
   * For {@code app.sh} without the daemon: {@code StackBuild RELEASE SOURCES RESOURCES OUTPUT}
   * compiles into OUTPUT; exit status 1 on a compile error, with javac's messages on stderr.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      System.err.println("usage: StackBuild RELEASE SOURCES RESOURCES OUTPUT");
      System.exit(64);
    }
    StackBuild build = new StackBuild(args[0], Path.of(args[1]), Path.of(args[2]));
    StringWriter messages = new StringWriter(); // shown only on failure: warnings are lint
    if (!build.compile(build.read(), Path.of(args[3]), messages)) {
      System.err.print(messages);
      System.exit(1);
    }
  }
}
