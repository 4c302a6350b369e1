package io.drstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading a synthesized {@code cdk.tf.json}: blocks, providers and Terraform references. */
public final class TfJson {
  private TfJson() {}

  /** A {@code resource} or {@code data} block. */
  public record Block(boolean data, String type, String name, JsonNode body) {

    /** How Terraform expressions and {@code depends_on} name the block. */
    public String address() {
      return (data ? "data." : "") + type + "." + name;
    }

    /** The {@code provider} field, e.g. {@code aws.primary}; empty when unset. */
    public Optional<String> provider() {
      JsonNode provider = body.get("provider");
      return provider != null && provider.isTextual()
          ? Optional.of(provider.asText())
          : Optional.empty();
    }

    public boolean isAws() {
      return type.startsWith("aws_");
    }

    /** The attribute as literal text: empty when missing, not text, or an interpolation. */
    public Optional<String> literal(String attribute) {
      JsonNode value = body.get(attribute);
      return value != null && value.isTextual() && !value.asText().contains("${")
          ? Optional.of(value.asText())
          : Optional.empty();
    }

    @Override
    public String toString() {
      return address();
    }
  }

  /** A Terraform reference found inside an interpolation of some block. */
  public record Reference(String attributePath, String expression, String address) {}

  /** Every resource and data source of the stack. */
  public static List<Block> blocks(JsonNode tree) {
    List<Block> blocks = new ArrayList<>();
    collect(tree.path("resource"), false, blocks);
    collect(tree.path("data"), true, blocks);
    return blocks;
  }

  /** Blocks by {@link Block#address()}. */
  public static Map<String, Block> byAddress(JsonNode tree) {
    Map<String, Block> result = new LinkedHashMap<>();
    blocks(tree).forEach(block -> result.put(block.address(), block));
    return result;
  }

  public static List<Block> blocks(JsonNode tree, boolean data, String type) {
    return blocks(tree).stream().filter(b -> b.data() == data && b.type().equals(type)).toList();
  }

  /** The one block of that kind and type carried by {@code provider}. */
  public static Block only(JsonNode tree, boolean data, String type, String provider) {
    List<Block> matches =
        blocks(tree, data, type).stream()
            .filter(b -> b.provider().equals(Optional.of(provider)))
            .toList();
    if (matches.size() != 1) {
      throw new AssertionError(
          "expected one "
              + type
              + " in "
              + provider
              + ", found "
              + matches.size()
              + ": "
              + matches);
    }
    return matches.get(0);
  }

  private static void collect(JsonNode byType, boolean data, List<Block> into) {
    byType
        .fields()
        .forEachRemaining(
            type ->
                type.getValue()
                    .fields()
                    .forEachRemaining(
                        named ->
                            into.add(
                                new Block(data, type.getKey(), named.getKey(), named.getValue()))));
  }

  /**
   * The node at a dotted path as CDKTF's {@code addOverride} takes it ({@code
   * replica.0.deletion_protection_enabled}): a number steps into a list. Missing when absent.
   */
  public static JsonNode at(JsonNode body, String dottedPath) {
    JsonNode node = body;
    for (String step : dottedPath.split("\\.", -1)) {
      node =
          node.isArray() && step.matches("\\d+")
              ? node.path(Integer.parseInt(step))
              : node.path(step);
    }
    return node;
  }

  /** The blocks whose logical name carries the construct id {@code what} ({@code _<what>_}). */
  public static Map<String, JsonNode> named(Map<String, JsonNode> blocks, String what) {
    Map<String, JsonNode> result = new java.util.LinkedHashMap<>();
    blocks.forEach(
        (name, body) -> {
          if (name.contains("_" + what + "_")) {
            result.put(name, body);
          }
        });
    return result;
  }

  /** The block's {@code lifecycle.ignore_changes}, in order; empty when it has none. */
  public static List<String> ignoreChanges(JsonNode body) {
    List<String> result = new ArrayList<>();
    body.path("lifecycle").path("ignore_changes").forEach(item -> result.add(item.asText()));
    return result;
  }

  /** The block's {@code lifecycle.prevent_destroy}; false when unset, as Terraform reads it. */
  public static boolean preventDestroy(JsonNode body) {
    return body.path("lifecycle").path("prevent_destroy").asBoolean(false);
  }

  /** The block's {@code lifecycle.precondition} blocks; empty when it has none. */
  public static List<JsonNode> preconditions(JsonNode body) {
    List<JsonNode> result = new ArrayList<>();
    body.path("lifecycle").path("precondition").forEach(result::add);
    return result;
  }

  /** Provider {@code aws.<alias>} to its region, for every aliased {@code aws} provider. */
  public static Map<String, String> awsProviderRegions(JsonNode tree) {
    Map<String, String> regions = new LinkedHashMap<>();
    for (JsonNode provider : tree.path("provider").path("aws")) {
      regions.put("aws." + provider.path("alias").asText(), provider.path("region").asText());
    }
    return regions;
  }

  /**
   * Every {@code aws_TYPE.NAME} and {@code data.aws_TYPE.NAME} referenced from an interpolation
   * {@code ${...}} in a string anywhere in {@code body} (nested lists and maps included), except in
   * {@code depends_on} and the {@code //} metadata.
   */
  public static List<Reference> awsReferences(JsonNode body) {
    List<Reference> references = new ArrayList<>();
    strings(
        body,
        "",
        (path, text) -> {
          for (String expression : interpolations(text)) {
            Matcher m = AWS_REFERENCE.matcher(expression);
            while (m.find()) {
              String address = (m.group(1) == null ? "" : "data.") + m.group(2) + "." + m.group(3);
              references.add(new Reference(path, expression, address));
            }
          }
        });
    return references;
  }

  /** Before the type: not part of a longer name, nor a member ({@code var.aws_x}). */
  private static final Pattern AWS_REFERENCE =
      Pattern.compile(
          "(?<![A-Za-z0-9_.\\-])(data\\.)?(aws_[a-z0-9_]+)\\.([A-Za-z_][A-Za-z0-9_\\-]*)");

  private static void strings(JsonNode node, String path, BiConsumer<String, String> visitor) {
    if (node.isTextual()) {
      visitor.accept(path, node.asText());
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        strings(node.get(i), path + "[" + i + "]", visitor);
      }
    } else if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                if (!field.getKey().equals("//") && !field.getKey().equals("depends_on")) {
                  strings(
                      field.getValue(),
                      path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                      visitor);
                }
              });
    }
  }

  /** The contents of each top-level {@code ${...}} in {@code text}, nested braces balanced. */
  public static List<String> interpolations(String text) {
    List<String> result = new ArrayList<>();
    int start = text.indexOf("${");
    while (start >= 0) {
      if (start > 0 && text.charAt(start - 1) == '$') { // "$${" is a literal "${"
        start = text.indexOf("${", start + 2);
        continue;
      }
      int depth = 0;
      int end = -1;
      for (int i = start + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '{') {
          depth++;
        } else if (c == '}' && --depth == 0) {
          end = i;
          break;
        }
      }
      if (end < 0) {
        result.add(text.substring(start + 2));
        break;
      }
      result.add(text.substring(start + 2, end));
      start = text.indexOf("${", end + 1);
    }
    return result;
  }
}
