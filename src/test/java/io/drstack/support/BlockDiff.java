package io.drstack.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two synthesized stacks, block by block: the addresses added, removed or
 * changed, each with a short line diff of its body. A failing stability check prints this instead
 * of the two whole documents (tens of thousands of lines).
 */
public final class BlockDiff {
  /** Lines of body diff shown per block, and blocks shown in all; the rest is counted. */
  static final int LINES_PER_BLOCK = 12;

  static final int BLOCKS = 30;

  private static final int LINE_WIDTH = 160;
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private BlockDiff() {}

  /**
   * Every block of a Terraform JSON document by its address: {@code resource.TYPE.NAME}, {@code
   * data.TYPE.NAME}, and {@code KIND.NAME} for the other top-level kinds (output, provider,
   * terraform, variable, locals).
   */
  public static Map<String, JsonNode> blocks(JsonNode document) {
    Map<String, JsonNode> blocks = new TreeMap<>();
    for (Map.Entry<String, JsonNode> kind : entries(document)) {
      boolean typed = kind.getKey().equals("resource") || kind.getKey().equals("data");
      for (Map.Entry<String, JsonNode> first : entries(kind.getValue())) {
        String prefix = kind.getKey() + "." + first.getKey();
        if (typed && first.getValue().isObject()) {
          for (Map.Entry<String, JsonNode> name : entries(first.getValue())) {
            blocks.put(prefix + "." + name.getKey(), name.getValue());
          }
        } else {
          blocks.put(prefix, first.getValue());
        }
      }
    }
    return blocks;
  }

  /** The report, empty when the two documents have the same blocks with the same bodies. */
  public static String between(JsonNode recorded, JsonNode actual) {
    Map<String, JsonNode> before = blocks(recorded);
    Map<String, JsonNode> after = blocks(actual);
    Set<String> addresses = new TreeSet<>(before.keySet());
    addresses.addAll(after.keySet());
    StringBuilder report = new StringBuilder();
    int shown = 0;
    int changed = 0;
    for (String address : addresses) {
      JsonNode old = before.get(address);
      JsonNode now = after.get(address);
      if (old != null && old.equals(now)) {
        continue;
      }
      changed++;
      if (shown == BLOCKS) {
        continue;
      }
      shown++;
      String verdict = old == null ? "added" : now == null ? "removed" : "changed";
      report.append(verdict).append(' ').append(address).append('\n');
      if (old != null && now != null) {
        report.append(lines(old, now));
      }
    }
    if (changed > shown) {
      report.append("... and ").append(changed - shown).append(" more blocks\n");
    }
    return report.toString();
  }

  /** A line diff of two bodies ({@code -} recorded, {@code +} now), at most a few lines long. */
  static String lines(JsonNode old, JsonNode now) {
    List<String> a = pretty(old);
    List<String> b = pretty(now);
    int[][] common = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        common[i][j] =
            a.get(i).equals(b.get(j))
                ? common[i + 1][j + 1] + 1
                : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    List<String> diff = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || common[i + 1][j] >= common[i][j + 1])) {
        diff.add("    - " + clip(a.get(i++)));
      } else {
        diff.add("    + " + clip(b.get(j++)));
      }
    }
    StringBuilder out = new StringBuilder();
    diff.stream().limit(LINES_PER_BLOCK).forEach(line -> out.append(line).append('\n'));
    if (diff.size() > LINES_PER_BLOCK) {
      out.append("    ... ").append(diff.size() - LINES_PER_BLOCK).append(" more lines\n");
    }
    return out.toString();
  }

  private static List<String> pretty(JsonNode body) {
    try {
      Object sorted = JSON.treeToValue(body, Object.class);
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(sorted).lines().toList();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String clip(String line) {
    String trimmed = line.strip();
    return trimmed.length() <= LINE_WIDTH ? trimmed : trimmed.substring(0, LINE_WIDTH) + " ...";
  }

  private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
    List<Map.Entry<String, JsonNode>> result = new ArrayList<>();
    if (node != null && node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      fields.forEachRemaining(
          field -> {
            if (!field.getKey().equals("//")) {
              result.add(field);
            }
          });
    }
    return result;
  }
}
