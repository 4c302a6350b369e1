package io.drstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an apply does to the Route 53 records when a deployed stack moves from one synthesized
 * document to another ({@link BlockDiff#blocks} of each). The provider replaces a record whose
 * {@code name} or {@code zone_id} changes, and deletes and re-creates one whose {@code type} or
 * {@code set_identifier} changes; Route 53 refuses two routing policies under one name and type, so
 * a record whose policy changes in place fails while its siblings keep theirs.
 */
public final class RecordMoves {
  private static final String PREFIX = "resource.aws_route53_record.";
  private static final List<String> IDENTITY = List.of("zone_id", "name", "type", "set_identifier");
  private static final List<String> POLICIES =
      List.of(
          "failover_routing_policy",
          "latency_routing_policy",
          "weighted_routing_policy",
          "geolocation_routing_policy",
          "geoproximity_routing_policy",
          "cidr_routing_policy",
          "multivalue_answer_routing_policy");

  private RecordMoves() {}

  /**
   * Each problem of the move from {@code before} to {@code after}: a record kept at its address
   * whose identity changes, a record that changes its routing policy, and a name that has two
   * routing policies in either document. Empty when every record is updated in place.
   */
  public static List<String> problems(JsonNode before, JsonNode after) {
    Map<String, JsonNode> old = records(before);
    Map<String, JsonNode> now = records(after);
    List<String> problems = new ArrayList<>();
    for (String address : old.keySet()) {
      if (!now.containsKey(address)) {
        continue;
      }
      for (String attribute : IDENTITY) {
        if (!old.get(address).path(attribute).equals(now.get(address).path(attribute))) {
          problems.add(address + " changes its " + attribute + ": replaced");
        }
      }
      if (!policy(old.get(address)).equals(policy(now.get(address)))) {
        problems.add(
            address
                + " changes from "
                + policy(old.get(address))
                + " to "
                + policy(now.get(address))
                + " in place");
      }
    }
    problems.addAll(mixedPolicies("before", old));
    problems.addAll(mixedPolicies("after", now));
    return problems;
  }

  /** The records of a document by address. */
  public static Map<String, JsonNode> records(JsonNode document) {
    Map<String, JsonNode> records = new TreeMap<>();
    BlockDiff.blocks(document).entrySet().stream()
        .filter(block -> block.getKey().startsWith(PREFIX))
        .forEach(block -> records.put(block.getKey(), block.getValue()));
    return records;
  }

  /** The routing policy block a record has, or {@code simple}. */
  public static String policy(JsonNode record) {
    return POLICIES.stream().filter(record::has).findFirst().orElse("simple");
  }

  private static List<String> mixedPolicies(String which, Map<String, JsonNode> records) {
    Map<String, Set<String>> byName = new TreeMap<>();
    records
        .values()
        .forEach(
            record ->
                byName
                    .computeIfAbsent(
                        record.path("zone_id").asText()
                            + " "
                            + record.path("name").asText()
                            + " "
                            + record.path("type").asText(),
                        key -> new TreeSet<>())
                    .add(policy(record)));
    List<String> problems = new ArrayList<>();
    byName.forEach(
        (name, policies) -> {
          if (policies.size() > 1) {
            problems.add(which + ": " + name + " has " + policies);
          }
        });
    return problems;
  }
}
