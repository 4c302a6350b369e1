package io.drstack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link StackBuild} on sources of its own: a build is its sources' content (not their mtimes), a
 * compile error is javac's message naming the file, and a build's loader serves the build's classes
 * even where its parent has classes of the same names (here, this JVM has io.drstack.Main).
 */
class StackBuildTest {
  private static final String MAIN = "io/drstack/Main.java";

  private static String main(String label) {
    return "package io.drstack;\n"
        + "public final class Main {\n"
        + "  private Main() {}\n"
        + "  public static String label() { return \""
        + label
        + "\"; }\n"
        + "}\n";
  }

  @Test
  void buildsTheContentReadAndLoadsItAheadOfItsParent(@TempDir Path dir) throws Exception {
    Path sources = dir.resolve("java");
    Path resources = dir.resolve("resources");
    Files.createDirectories(sources.resolve("io/drstack"));
    Files.createDirectories(resources);
    Files.writeString(sources.resolve(MAIN), main("one"));
    Files.writeString(resources.resolve("note.txt"), "a resource");
    StackBuild build = new StackBuild("17", sources, resources);

    StackBuild.Snapshot first = build.read();
    FileTime mtime = Files.getLastModifiedTime(sources.resolve(MAIN));
    Files.writeString(sources.resolve(MAIN), main("two"));
    Files.setLastModifiedTime(sources.resolve(MAIN), mtime); // as cp -p puts a file back
    StackBuild.Snapshot second = build.read();
    assertNotEquals(first.fingerprint(), second.fingerprint(), "an edit with the old mtime");
    Files.writeString(sources.resolve(MAIN), main("one"));
    assertEquals(first.fingerprint(), build.read().fingerprint(), "the same content again");

    StringWriter messages = new StringWriter();
    assertTrue(build.compile(second, dir.resolve("out"), messages), messages.toString());
    ClassLoader loader = StackBuild.loader(dir.resolve("out"), getClass().getClassLoader());
    Class<?> main = Class.forName("io.drstack.Main", true, loader);
    assertEquals(loader, main.getClassLoader(), "the build's class, not the parent's");
    assertEquals("two", main.getMethod("label").invoke(null), "the snapshot's content");
    assertTrue(loader.getResource("note.txt").getPath().startsWith(dir.toString()), "resource");
  }

  @Test
  void aCompileErrorIsJavacsMessageNamingTheFile(@TempDir Path dir) throws Exception {
    Path sources = dir.resolve("java");
    Files.createDirectories(sources.resolve("io/drstack"));
    Files.writeString(sources.resolve("io/drstack/Broken.java"), "class Broken {\n");
    StackBuild build = new StackBuild("17", sources, dir.resolve("none"));

    StringWriter messages = new StringWriter();
    assertFalse(build.compile(build.read(), dir.resolve("out"), messages));
    assertTrue(
        messages.toString().contains("Broken.java:1: error: reached end of file while parsing"),
        messages.toString());
  }
}
