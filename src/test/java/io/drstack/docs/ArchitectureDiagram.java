package io.drstack.docs;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.GeneratedSection;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws the synthesized stack as a Mermaid flowchart for {@code help/architecture.md}: one box per
 * region (from the providers' aliases), Route 53 and Global Accelerator as global, resources
 * counted by type within a few kinds, every SSM hand-off as parameter, read-back and the resources
 * that use the value, and the front door: what each record aliases (a load balancer, the inner
 * latency set, the accelerator) and each accelerator endpoint group's load balancer. {@link #main}
 * rewrites the section of the document between the markers; {@code ArchitectureDiagramTest} fails
 * when that section is stale.
 */
public final class ArchitectureDiagram {
  private ArchitectureDiagram() {}

  public static final Path DOCUMENT = Path.of("help", "architecture.md");
  public static final GeneratedSection SECTION = GeneratedSection.named("diagram");
  public static final String COMMAND =
      ". src/main/scripts/jsii-env.sh && mvn -q test-compile exec:java"
          + " -Dexec.classpathScope=test -Dmain.class=io.drstack.docs.ArchitectureDiagram";

  private static final String GLOBAL = "global";
  private static final String ACCELERATOR = "accelerator";
  private static final String LOAD_BALANCER = "Load balancer";
  private static final String CLIENTS = "clients";
  private static final String LATENCY_SET = "global_latency_set";

  /**
   * The front door the second diagram draws: Global Accelerator before both load balancers, both
   * regions serving.
   */
  public static final Map<String, String> ACCELERATOR_ENV =
      Map.of("DR_STRATEGY", "activeActive", "DR_FRONT_DOOR", "accelerator");

  private static final Pattern READ_BACK_REFERENCE =
      Pattern.compile("\\$\\{data\\.aws_ssm_parameter\\.([\\w-]+)\\.");
  private static final Pattern LOAD_BALANCER_REFERENCE =
      Pattern.compile("\\$\\{(aws_lb|aws_alb)\\.([\\w-]+)\\.");

  /** Kinds of resources, in drawing order: the first whose prefix matches a type takes it. */
  private static final List<Map.Entry<String, List<String>>> KINDS =
      List.of(
          Map.entry("Route 53", List.of("aws_route53_")),
          Map.entry("Global Accelerator", List.of("aws_globalaccelerator_")),
          Map.entry(
              "Network",
              List.of(
                  "aws_vpc",
                  "aws_subnet",
                  "aws_route",
                  "aws_default_route_table",
                  "aws_internet_gateway",
                  "aws_nat_gateway",
                  "aws_eip",
                  "aws_default_security_group",
                  "aws_security_group",
                  "aws_network_acl",
                  "aws_default_network_acl",
                  "aws_flow_log")),
          Map.entry(LOAD_BALANCER, List.of("aws_lb", "aws_alb", "aws_wafv2_")),
          Map.entry(
              "Instances and IAM", List.of("aws_autoscaling_", "aws_launch_template", "aws_iam_")),
          Map.entry("Global table", List.of("aws_dynamodb_")),
          Map.entry("Keys", List.of("aws_kms_")),
          Map.entry("Alarms and logs", List.of("aws_cloudwatch_", "aws_sns_")));

  private static final String OTHER = "Other";

  /**
   * Regenerates the diagram section of {@code help/architecture.md} from the default stack, the
   * strongly consistent one and the one behind Global Accelerator.
   */
  public static void main(String[] args) throws IOException {
    String section =
        section(
            Synthesized.defaults().tree(),
            Stacks.strong().tree(),
            Synthesized.with(ACCELERATOR_ENV).tree());
    // Read only after the slow synthesis, so concurrent edits to the rest of the file survive.
    String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    Files.writeString(DOCUMENT, SECTION.replace(document, section), StandardCharsets.UTF_8);
    System.out.println("Wrote the diagram into " + DOCUMENT);
  }

  /** What belongs between the markers, without them. */
  public static String section(JsonNode stack, JsonNode strong, JsonNode accelerator) {
    return "\n<!-- Generated from the synthesized default stack; do not edit by hand. Regenerate:\n"
        + "     "
        + COMMAND
        + " -->\n\n"
        + "Resources are counted by type; data sources are left out except the SSM read-backs,"
        + " which carry every value that crosses a region.\n\n"
        + "```mermaid\n"
        + mermaid(stack)
        + "```\n\n"
        + "With `tableConsistency` `strong` (multi-Region strong consistency), the same stack"
        + " without the replication alarms, and the table's witness in a third region:\n\n"
        + "```mermaid\n"
        + mermaid(strong)
        + "```\n\n"
        + "With `frontDoor` `accelerator` and `strategy` `activeActive`: Route 53's PRIMARY record"
        + " aliases the accelerator, whose endpoint groups send clients to both load balancers"
        + " (the SECONDARY record still names the secondary's, for DNS failover):\n\n"
        + "```mermaid\n"
        + mermaid(accelerator)
        + "```\n";
  }

  /** The flowchart. */
  public static String mermaid(JsonNode stack) {
    Map<String, String> regions = regionsByProvider(stack);
    Map<String, HandOff> handOffs = handOffs(stack);
    Set<String> handOffParameters = new TreeSet<>();
    handOffs.values().forEach(h -> handOffParameters.add(h.parameter()));

    // place -> kind -> type -> count; place is a provider alias or GLOBAL.
    Map<String, Map<String, Map<String, Integer>>> counts = new LinkedHashMap<>();
    counts.put(GLOBAL, new LinkedHashMap<>());
    if (TfJson.blocks(stack).stream()
        .anyMatch(b -> !b.data() && place(b.type(), b.body()).equals(ACCELERATOR))) {
      counts.put(ACCELERATOR, new LinkedHashMap<>());
    }
    regions.keySet().forEach(provider -> counts.put(provider, new LinkedHashMap<>()));
    List<String> edges = new ArrayList<>();
    Set<String> replicaEdges = new TreeSet<>();
    for (TfJson.Block resource : TfJson.blocks(stack)) {
      if (resource.data() || handOffParameters.contains(resource.address())) {
        continue;
      }
      String kind = kind(resource.type());
      String place = place(resource.type(), resource.body());
      counts
          .computeIfAbsent(place, p -> new LinkedHashMap<>())
          .computeIfAbsent(kind, k -> new TreeMap<>())
          .merge(resource.type(), 1, Integer::sum);
      replicaEdges.addAll(replicas(resource.body(), nodeId(place, kind), regions));
      for (String readBack : consumedReadBacks(resource.body())) {
        HandOff handOff = handOffs.get(readBack);
        if (handOff != null) {
          handOff.consumers().add(nodeId(place, kind));
          handOff.consumerTypes().add(resource.type());
        }
      }
    }

    StringBuilder out = new StringBuilder("flowchart LR\n");
    for (var place : counts.entrySet()) {
      String title =
          switch (place.getKey()) {
            case GLOBAL -> "Route 53 (global, managed through the primary provider)";
            case ACCELERATOR ->
                "Global Accelerator (global edge; its API in us-west-2, through the primary"
                    + " provider)";
            default -> place.getKey() + " provider: " + regions.get(place.getKey());
          };
      out.append("  subgraph ")
          .append(placeId(place.getKey()))
          .append("[\"")
          .append(title)
          .append("\"]\n");
      for (String kind : orderedKinds()) {
        Map<String, Integer> types = place.getValue().get(kind);
        if (types == null) {
          continue;
        }
        StringBuilder label = new StringBuilder(kind);
        types.forEach((t, n) -> label.append("<br/>").append(t).append(" × ").append(n));
        out.append("    ")
            .append(nodeId(place.getKey(), kind))
            .append("[\"")
            .append(label)
            .append("\"]\n");
      }
      if (place.getKey().equals(GLOBAL)) {
        latencySetName(stack)
            .ifPresent(
                name ->
                    out.append("    ")
                        .append(LATENCY_SET)
                        .append("{{\"latency set<br/>")
                        .append(name)
                        .append("\"}}\n"));
      }
      handOffs.values().stream()
          .filter(h -> h.provider().equals(place.getKey()))
          .forEach(
              h ->
                  out.append("    ")
                      .append(h.parameterId())
                      .append("[(\"aws_ssm_parameter<br/>")
                      .append(h.name())
                      .append("\")]\n    ")
                      .append(h.readBackId())
                      .append("[/\"data aws_ssm_parameter<br/>read-back\"/]\n"));
      out.append("  end\n");
    }
    for (HandOff h : handOffs.values()) {
      edges.add(h.parameterId() + " --> " + h.readBackId());
      for (String consumer : h.consumers()) {
        edges.add(
            h.readBackId() + " -->|" + String.join(", ", h.consumerTypes()) + "| " + consumer);
      }
    }
    edges.addAll(replicaEdges);
    edges.addAll(frontDoor(stack, handOffs, regions));
    edges.forEach(e -> out.append("  ").append(e).append('\n'));
    return out.toString();
  }

  /**
   * Clients to Route 53, each record of the zone to what it aliases, and each accelerator endpoint
   * group to its region's load balancer, labelled with the routing that picks it.
   */
  private static List<String> frontDoor(
      JsonNode stack, Map<String, HandOff> handOffs, Map<String, String> regions) {
    List<String> edges = new ArrayList<>();
    edges.add(CLIENTS + "((\"clients\")) --> " + nodeId(GLOBAL, "Route 53"));
    Optional<String> latencySet = latencySetName(stack);
    for (TfJson.Block record : TfJson.blocks(stack, false, "aws_route53_record")) {
      JsonNode body = record.body();
      String alias = body.path("alias").path("name").asText();
      if (alias.isEmpty()) {
        continue;
      }
      boolean latency = body.has("latency_routing_policy");
      String from = latency ? LATENCY_SET : nodeId(GLOBAL, "Route 53");
      String label =
          latency
              ? "latency " + body.path("latency_routing_policy").path("region").asText()
              : body.has("failover_routing_policy")
                  ? "failover " + body.path("failover_routing_policy").path("type").asText()
                  : "alias";
      aliasTarget(stack, alias, handOffs, latencySet)
          .ifPresent(target -> edges.add(from + " -->|" + label + "| " + target));
    }
    Map<String, String> providersByRegion = new LinkedHashMap<>();
    regions.forEach((provider, region) -> providersByRegion.putIfAbsent(region, provider));
    for (TfJson.Block group : TfJson.blocks(stack, false, "aws_globalaccelerator_endpoint_group")) {
      String region = group.body().path("endpoint_group_region").asText();
      String provider = providersByRegion.get(region);
      if (provider != null) {
        edges.add(
            nodeId(ACCELERATOR, "Global Accelerator")
                + " -->|endpoint group "
                + region
                + ", dial "
                + group.body().path("traffic_dial_percentage").asText("100")
                + " %| "
                + nodeId(provider, LOAD_BALANCER));
      }
    }
    return edges;
  }

  /** The node a record's alias name leads to, when the diagram draws it. */
  private static Optional<String> aliasTarget(
      JsonNode stack, String alias, Map<String, HandOff> handOffs, Optional<String> latencySet) {
    if (alias.contains("aws_globalaccelerator_accelerator.")) {
      return Optional.of(nodeId(ACCELERATOR, "Global Accelerator"));
    }
    if (alias.contains("aws_route53_record.")
        || latencySet.map(name -> name.equals(alias)).orElse(false)) {
      return Optional.of(LATENCY_SET);
    }
    Matcher lb = LOAD_BALANCER_REFERENCE.matcher(alias);
    if (lb.find()) {
      return Optional.of(
          nodeId(
              provider(stack.path("resource").path(lb.group(1)).path(lb.group(2))), LOAD_BALANCER));
    }
    Matcher readBack = READ_BACK_REFERENCE.matcher(alias);
    if (readBack.find() && handOffs.containsKey(readBack.group(1))) {
      return Optional.of(nodeId(handOffs.get(readBack.group(1)).provider(), LOAD_BALANCER));
    }
    return Optional.empty();
  }

  /** The name of the inner latency set, when the zone has latency records. */
  private static Optional<String> latencySetName(JsonNode stack) {
    return TfJson.blocks(stack, false, "aws_route53_record").stream()
        .filter(record -> record.body().has("latency_routing_policy"))
        .map(record -> record.body().path("name").asText())
        .findFirst();
  }

  /**
   * A value handed across regions.
   *
   * @param parameter address of the {@code aws_ssm_parameter} resource
   * @param name the parameter's name, e.g. {@code /dr/dev/alb-dns/us-east-2}
   * @param provider alias of the provider holding both the parameter and its read-back
   * @param readBack logical name of the {@code data aws_ssm_parameter}
   */
  private record HandOff(
      String parameter,
      String name,
      String provider,
      String readBack,
      Set<String> consumers,
      Set<String> consumerTypes) {
    String parameterId() {
      return id(provider + "_" + name);
    }

    String readBackId() {
      return id(provider + "_read_" + name);
    }
  }

  /** Read-backs that wait for a parameter of this stack, by logical name, in parameter order. */
  private static Map<String, HandOff> handOffs(JsonNode stack) {
    List<HandOff> found = new ArrayList<>();
    stack
        .path("data")
        .path("aws_ssm_parameter")
        .fields()
        .forEachRemaining(
            readBack -> {
              for (JsonNode dependency : readBack.getValue().path("depends_on")) {
                String parameter = dependency.asText();
                if (parameter.startsWith("aws_ssm_parameter.")) {
                  found.add(
                      new HandOff(
                          parameter,
                          readBack.getValue().path("name").asText(),
                          provider(readBack.getValue()),
                          readBack.getKey(),
                          new TreeSet<>(),
                          new TreeSet<>()));
                }
              }
            });
    found.sort(java.util.Comparator.comparing(HandOff::name));
    Map<String, HandOff> byReadBack = new LinkedHashMap<>();
    found.forEach(h -> byReadBack.put(h.readBack(), h));
    return byReadBack;
  }

  private static Set<String> consumedReadBacks(JsonNode resource) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = READ_BACK_REFERENCE.matcher(resource.toString());
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** Edges from a resource to the regions it replicates into (the global table's replicas). */
  private static List<String> replicas(
      JsonNode resource, String from, Map<String, String> regions) {
    List<String> edges = new ArrayList<>();
    for (JsonNode replica : resource.path("replica")) {
      String region = replica.path("region_name").asText();
      regions.entrySet().stream()
          .filter(e -> e.getValue().equals(region))
          .findFirst()
          .ifPresent(e -> edges.add(from + " -. replica .-> " + placeId(e.getKey())));
    }
    // A strongly consistent table's witness: a region of its own, where the stack deploys nothing.
    for (JsonNode witness : resource.path("global_table_witness")) {
      String region = witness.path("region_name").asText();
      edges.add(
          from
              + " -. witness .-> "
              + id("witness_" + region)
              + "[\"witness: "
              + region
              + "<br/>(DynamoDB's, no resource of the stack)\"]");
    }
    return edges;
  }

  private static Map<String, String> regionsByProvider(JsonNode stack) {
    Map<String, String> regions = new LinkedHashMap<>();
    for (JsonNode provider : stack.path("provider").path("aws")) {
      regions.put(
          provider.path("alias").asText("default"), provider.path("region").asText("unknown"));
    }
    return regions;
  }

  private static String provider(JsonNode block) {
    String provider = block.path("provider").asText("aws");
    return provider.startsWith("aws.") ? provider.substring("aws.".length()) : "default";
  }

  private static String place(String type, JsonNode resource) {
    if (type.startsWith("aws_route53_")) {
      return GLOBAL;
    }
    return type.startsWith("aws_globalaccelerator_") ? ACCELERATOR : provider(resource);
  }

  private static String kind(String type) {
    return KINDS.stream()
        .filter(kind -> kind.getValue().stream().anyMatch(type::startsWith))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(OTHER);
  }

  private static List<String> orderedKinds() {
    List<String> kinds = new ArrayList<>();
    KINDS.forEach(kind -> kinds.add(kind.getKey()));
    kinds.add(OTHER);
    return kinds;
  }

  /** The subgraph of a region or of the global resources. */
  private static String placeId(String place) {
    return id("in_" + place);
  }

  private static String nodeId(String place, String kind) {
    return id(place + "_" + kind);
  }

  /** Mermaid identifiers: letters, digits and underscores. */
  private static String id(String text) {
    return text.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
  }
}
