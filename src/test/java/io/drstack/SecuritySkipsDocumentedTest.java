package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every checkov check that CI does not enforce is explained in help/security.md, and only those.
 */
class SecuritySkipsDocumentedTest {
  private static final Pattern SKIP =
      Pattern.compile("(?m)^- check: (\\S+)\\s*\\n\\s+resources: \"([^\"]+)\"");
  private static final Pattern ROW = Pattern.compile("(?m)^\\| (CKV\\S*) \\|([^|]*)\\|");

  @Test
  void helpListsEverySkipWithItsResources() throws IOException {
    String skips = Files.readString(Path.of(".ci/checkov-skips.yaml"));
    String doc = Files.readString(Path.of("help/security.md"));
    Map<String, String> rows = new LinkedHashMap<>();
    Matcher row = ROW.matcher(doc);
    while (row.find()) {
      rows.put(row.group(1), row.group(2));
    }
    Map<String, String> skipped = new LinkedHashMap<>();
    Matcher skip = SKIP.matcher(skips);
    while (skip.find()) {
      skipped.put(skip.group(1), skip.group(2));
    }
    assertFalse(skipped.isEmpty(), "no skips parsed from .ci/checkov-skips.yaml");
    assertEquals(new TreeSet<>(skipped.keySet()), new TreeSet<>(rows.keySet()));
    skipped.forEach(
        (check, resources) ->
            assertTrue(
                resources.equals("*") || rows.get(check).contains("`" + resources + "`"),
                check + " is skipped for " + resources + ", help/security.md says otherwise"));
  }
}
