package io.drstack.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.DrConfig;
import io.drstack.config.RegionSettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;

/**
 * Asserting on a {@link Synthesized} stack by what its blocks reference: the construct tests follow
 * {@code ${type.name.attribute}} expressions from one block to another, per region.
 */
public final class StackJson {
  private StackJson() {}

  /** The providers of the two regions that run the service. */
  public static final List<String> SERVICE_PROVIDERS = List.of("aws.primary", "aws.secondary");

  /** What a <code>${type.name.attribute}</code> expression points at. */
  public record Ref(String type, String name, String attribute, JsonNode block) {
    public String provider() {
      return block.path("provider").asText();
    }
  }

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{(data\\.)?([a-z0-9_]+)\\.([^.}]+)\\.([a-z0-9_]+)}");

  /** Resolves an expression that is exactly one reference; fails on anything else. */
  public static Ref ref(Synthesized stack, JsonNode expression) {
    Matcher m = REFERENCE.matcher(expression.asText());
    assertTrue(m.matches(), () -> "expected one reference, got " + expression);
    Map<String, JsonNode> blocks =
        m.group(1) == null ? stack.resources(m.group(2)) : stack.dataSources(m.group(2));
    JsonNode block = blocks.get(m.group(3));
    assertNotNull(block, () -> expression + " references nothing in the stack");
    String type = (m.group(1) == null ? "" : "data.") + m.group(2);
    return new Ref(type, m.group(3), m.group(4), block);
  }

  /** The logical names of the blocks an array of references points at. */
  public static Set<String> referencedNames(Synthesized stack, JsonNode references) {
    return list(references).stream().map(r -> ref(stack, r).name()).collect(Collectors.toSet());
  }

  /** The blocks of a map that use one provider, by logical name. */
  public static Map<String, JsonNode> in(Map<String, JsonNode> blocks, String provider) {
    return blocks.entrySet().stream()
        .filter(e -> provider.equals(e.getValue().path("provider").asText()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The one block of a type that uses a provider. */
  public static JsonNode single(Synthesized stack, String type, String provider) {
    Map<String, JsonNode> found = in(stack.resources(type), provider);
    assertEquals(
        1, found.size(), () -> "one " + type + " with " + provider + ": " + found.keySet());
    return found.values().iterator().next();
  }

  /** The region a provider reference ({@code aws.<alias>}) deploys to. */
  public static String regionOf(Synthesized stack, String provider) {
    String alias = provider.substring(provider.indexOf('.') + 1);
    return StreamSupport.stream(stack.tree().path("provider").path("aws").spliterator(), false)
        .filter(p -> alias.equals(p.path("alias").asText()))
        .map(p -> p.path("region").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no provider " + provider));
  }

  /** The raw user data of the region's launch template: what EC2 counts against its limit. */
  public static byte[] rawUserData(Synthesized stack, String provider) {
    return Base64.getDecoder()
        .decode(single(stack, "aws_launch_template", provider).path("user_data").asText());
  }

  /** The region's boot script, unpacked as cloud-init does when it is gzip-compressed. */
  public static String userDataScript(Synthesized stack, String provider) {
    byte[] raw = rawUserData(stack, provider);
    if (raw.length < 2 || raw[0] != (byte) 0x1f || raw[1] != (byte) 0x8b) {
      return new String(raw, StandardCharsets.UTF_8);
    }
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
      return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The other of the two {@link #SERVICE_PROVIDERS}. */
  public static String otherServiceProvider(String provider) {
    return provider.equals("aws.primary") ? "aws.secondary" : "aws.primary";
  }

  /** The settings of the region a service provider deploys to. */
  public static RegionSettings settings(DrConfig config, String provider) {
    return provider.equals("aws.primary") ? config.primary() : config.secondary();
  }

  public static List<JsonNode> list(JsonNode array) {
    List<JsonNode> result = new ArrayList<>();
    array.forEach(result::add);
    return result;
  }

  /** The subnets of the region's instances: its Auto Scaling group's. */
  public static Set<String> privateSubnets(Synthesized stack, String provider) {
    return referencedNames(
        stack, single(stack, "aws_autoscaling_group", provider).path("vpc_zone_identifier"));
  }

  /** The subnets of the region's load balancer. */
  public static Set<String> publicSubnets(Synthesized stack, String provider) {
    return referencedNames(stack, single(stack, "aws_lb", provider).path("subnets"));
  }

  /** Route tables the named subnets are associated with. */
  public static Set<String> routeTables(Synthesized stack, Set<String> subnets) {
    Set<String> tables = new HashSet<>();
    stack
        .resources("aws_route_table_association")
        .values()
        .forEach(
            association -> {
              if (subnets.contains(ref(stack, association.path("subnet_id")).name())) {
                tables.add(ref(stack, association.path("route_table_id")).name());
              }
            });
    return tables;
  }

  /** One metric an alarm watches, directly or as a term of its metric math. */
  public record Metric(String namespace, String name, JsonNode dimensions) {}

  /** Every metric an alarm watches. */
  public static List<Metric> metrics(JsonNode alarm) {
    List<Metric> result = new ArrayList<>();
    if (alarm.has("metric_name")) {
      result.add(
          new Metric(
              alarm.path("namespace").asText(),
              alarm.path("metric_name").asText(),
              alarm.path("dimensions")));
    }
    for (JsonNode query : list(alarm.path("metric_query"))) {
      JsonNode metric = query.path("metric");
      if (!metric.isMissingNode()) {
        result.add(
            new Metric(
                metric.path("namespace").asText(),
                metric.path("metric_name").asText(),
                metric.path("dimensions")));
      }
    }
    return result;
  }

  /** The metrics of that name an alarm watches. */
  public static List<Metric> metricsNamed(JsonNode alarm, String name) {
    return metrics(alarm).stream().filter(m -> m.name().equals(name)).toList();
  }

  /** The policy document of a role's inline policy ({@code aws_iam_role_policy}). */
  public static JsonNode inlinePolicyOf(Synthesized stack, Ref role) {
    String roleAddress = role.type() + "." + role.name();
    for (JsonNode policy : stack.resources("aws_iam_role_policy").values()) {
      if (policy.path("role").asText().equals("${" + roleAddress + ".id}")) {
        return ref(stack, policy.path("policy")).block();
      }
    }
    throw new AssertionError("no inline policy for " + roleAddress);
  }
}
