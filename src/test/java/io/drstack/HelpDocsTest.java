package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drstack.config.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manual stays true to the code: every setting is documented, and every relative link in the
 * README, {@code help/} (the operator's manual), {@code CONTRIBUTING.md} and {@code docs/} (the
 * maintainers' pages) leads somewhere. Reads files only; synthesizes nothing.
 */
class HelpDocsTest {

  private static final Path HELP = Path.of("help");
  private static final Path CONFIGURATION = HELP.resolve("configuration.md");
  private static final Path README = Path.of("README.md");
  private static final Path CONTRIBUTING = Path.of("CONTRIBUTING.md");
  private static final Path MAINTAINERS = Path.of("docs");

  /** {@code [text](target)} and {@code ![alt](target)}; the target ends at a space or ')'. */
  private static final Pattern LINK =
      Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?[^)]*\\)");

  private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*(```|~~~).*?^\\s*\\1[^\\n]*$");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`\\n]*`");
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  static List<Setting<?>> settings() {
    return Setting.all();
  }

  @ParameterizedTest
  @MethodSource("settings")
  void everySettingIsDocumentedWithItsContextKeyAndEnvironmentVariable(Setting<?> setting)
      throws IOException {
    String doc = Files.readString(CONFIGURATION);
    if (setting.contextKey() != null) {
      assertTrue(
          doc.contains("`" + setting.contextKey() + "`"),
          CONFIGURATION + " does not document the context key `" + setting.contextKey() + "`");
    }
    assertTrue(
        doc.contains("`" + setting.envVar() + "`"),
        CONFIGURATION + " does not document the environment variable `" + setting.envVar() + "`");
  }

  @Test
  void theManualNamesTheCdktfCliTheScriptsRun() throws IOException {
    Matcher declared =
        Pattern.compile("(?m)^export DR_CDKTF_CLI=(cdktf-cli@\\S+)$")
            .matcher(Files.readString(Path.of("src/main/scripts/jsii-env.sh")));
    assertTrue(declared.find(), "src/main/scripts/jsii-env.sh names the CDKTF CLI");
    int mentions = 0;
    for (Path page : pages()) {
      Matcher named =
          Pattern.compile("cdktf-cli@[0-9][0-9A-Za-z.+-]*").matcher(Files.readString(page));
      while (named.find()) {
        mentions++;
        assertEquals(declared.group(1), named.group(), page + " names another CDKTF CLI");
      }
    }
    assertTrue(mentions > 0, "the README's commands name the CLI");
  }

  @Test
  void everyRelativeLinkLeadsToAnExistingFileAndHeading() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path page : pages()) {
      for (String target : links(page)) {
        String problem = check(page, target);
        if (problem != null) {
          broken.add(page + ": (" + target + ") " + problem);
        }
      }
    }
    assertEquals(List.of(), broken, "Broken links in the manual");
  }

  @Test
  void architectureKeepsTheDiagramMarkersInOrder() throws IOException {
    String doc = Files.readString(HELP.resolve("architecture.md"));
    int begin = doc.indexOf("<!-- diagram:begin -->");
    int end = doc.indexOf("<!-- diagram:end -->");
    assertTrue(
        begin >= 0 && end > begin && doc.indexOf("<!-- diagram:begin -->", begin + 1) < 0,
        "help/architecture.md needs one <!-- diagram:begin --> before one <!-- diagram:end -->");
  }

  /** README.md, CONTRIBUTING.md and every Markdown page of help/ and docs/. */
  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(README, CONTRIBUTING));
    for (Path directory : List.of(HELP, MAINTAINERS)) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
      }
    }
    return pages;
  }

  @Test
  void theMaintainersPagesAreCheckedToo() throws IOException {
    List<Path> pages = pages();
    for (String page :
        List.of(
            "CONTRIBUTING.md",
            "docs/maintainers/testing.md",
            "docs/maintainers/performance.md",
            "docs/maintainers/cdktf.md")) {
      assertTrue(pages.contains(Path.of(page)), page + " is among the pages checked: " + pages);
    }
  }

  /** Link targets outside code blocks and code spans. */
  private static List<String> links(Path page) throws IOException {
    String text = prose(Files.readString(page));
    List<String> targets = new ArrayList<>();
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      targets.add(m.group(1));
    }
    return targets;
  }

  private static String prose(String markdown) {
    return INLINE_CODE.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
  }

  /** Why the link is broken, or {@code null} when it is fine or not relative. */
  private static String check(Path page, String target) throws IOException {
    if (SCHEME.matcher(target).find()) {
      return null; // http:, https:, mailto: ... are not checked here
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    if (file.startsWith("/")) {
      return "absolute path: use a path relative to the page";
    }
    Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file);
    if (!Files.exists(resolved)) {
      return "no such file";
    }
    if (anchor != null && resolved.toString().endsWith(".md")) {
      if (!anchors(resolved).contains(anchor)) {
        return "no heading with anchor #" + anchor;
      }
    }
    return null;
  }

  /** The anchors a Git web view gives the page's headings, duplicates numbered. */
  private static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    Matcher m = HEADING.matcher(FENCE.matcher(Files.readString(page)).replaceAll(""));
    while (m.find()) {
      String slug =
          m.group(1)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
              .replace(' ', '-');
      int count = seen.merge(slug, 1, Integer::sum);
      anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
    }
    return anchors;
  }
}
