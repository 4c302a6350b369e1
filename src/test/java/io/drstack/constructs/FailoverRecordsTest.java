package io.drstack.constructs;

import static io.drstack.support.StackJson.list;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import io.drstack.config.DnsSettings;
import io.drstack.config.Names;
import io.drstack.constructs.FailoverRecords.PrimaryEntry;
import io.drstack.support.AddressedStack;
import io.drstack.support.RecordMoves;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link FailoverRecords} with each {@link PrimaryEntry}, built alone with literal endpoints: the
 * records each entry gives, and that moving from any entry to any other updates the PRIMARY record
 * in place and leaves the SECONDARY record as it was.
 */
class FailoverRecordsTest {
  private static final String ZONE_ID = "Z0123456789ABCDEFGHIJ";
  private static final String RECORD_NAME = "app.acme-corp.com";
  private static final String ACCELERATOR_DNS_NAME = "a0123456789abcdef.awsglobalaccelerator.com";
  private static final String ACCELERATOR_ZONE_ID = "Z2BJ6XQ5FK7U4H";
  private static final DnsFailover.Endpoint PRIMARY =
      new DnsFailover.Endpoint(
          "us-east-1", "primary-alb-1.us-east-1.elb.amazonaws.com", "Z35SXDOTRQ7X7K", false);
  private static final DnsFailover.Endpoint SECONDARY =
      new DnsFailover.Endpoint(
          "us-east-2", "secondary-alb-2.us-east-2.elb.amazonaws.com", "Z3AADJGX6KTTL2", false);
  private static final String SWITCH_CHECK = "switch-check-id";
  private static final String SECONDARY_DATA_CHECK = "secondary-data-check-id";

  /** The three entries, as the stack chooses them. */
  enum Entry {
    LOAD_BALANCER,
    LATENCY_SET,
    ACCELERATOR;

    PrimaryEntry of(DnsFailover dns) {
      return switch (this) {
        case LOAD_BALANCER -> PrimaryEntry.loadBalancer(dns.primary());
        case LATENCY_SET -> PrimaryEntry.latencySet();
        case ACCELERATOR -> PrimaryEntry.accelerator(ACCELERATOR_DNS_NAME, ACCELERATOR_ZONE_ID);
      };
    }
  }

  private static final Map<Entry, JsonNode> SYNTHESIZED = new EnumMap<>(Entry.class);

  private static synchronized JsonNode synthesized(Entry entry) {
    return SYNTHESIZED.computeIfAbsent(entry, FailoverRecordsTest::synthesize);
  }

  private static JsonNode synthesize(Entry entry) {
    AddressedStack stack = new AddressedStack("records");
    AwsProvider provider =
        new AwsProvider(
            stack, "aws", AwsProviderConfig.builder().alias("primary").region("us-east-1").build());
    Region region = new Region(stack, "region", "us-east-1", provider, new Names("dev"));
    DnsFailover dns =
        new DnsFailover(
            stack,
            "dns-failover",
            new DnsFailover.Props(
                region,
                new DnsSettings(
                    Optional.of(ZONE_ID), "acme-corp.com", RECORD_NAME, 10, 3, "us-east-2"),
                PRIMARY,
                SECONDARY));
    new FailoverRecords(
        dns,
        "records",
        new FailoverRecords.Props(
            dns, entry.of(dns), List.of(SWITCH_CHECK), List.of(SECONDARY_DATA_CHECK)));
    try {
      return new ObjectMapper().readTree(Testing.synth(stack));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, JsonNode> records(JsonNode tree) {
    return RecordMoves.records(tree);
  }

  private static Map.Entry<String, JsonNode> failover(JsonNode tree, String role) {
    List<Map.Entry<String, JsonNode>> found =
        records(tree).entrySet().stream()
            .filter(
                r ->
                    role.equals(r.getValue().path("failover_routing_policy").path("type").asText()))
            .toList();
    assertEquals(1, found.size(), role + " records");
    return found.get(0);
  }

  /**
   * The calculated check of a role: the endpoint check and the role's other inputs, all of them.
   */
  private static String calculatedCheck(JsonNode tree, String role, String other) {
    Map<String, JsonNode> checks = new java.util.TreeMap<>();
    tree.path("resource")
        .path("aws_route53_health_check")
        .fields()
        .forEachRemaining(e -> checks.put(e.getKey(), e.getValue()));
    List<String> calculated =
        checks.entrySet().stream()
            .filter(c -> "CALCULATED".equals(c.getValue().path("type").asText()))
            .filter(
                c ->
                    list(c.getValue().path("child_healthchecks")).stream()
                        .anyMatch(child -> child.asText().equals(other)))
            .map(Map.Entry::getKey)
            .toList();
    assertEquals(1, calculated.size(), role + " calculated check");
    JsonNode check = checks.get(calculated.get(0));
    assertEquals(2, check.path("child_health_threshold").asInt(), "every child healthy");
    return "${aws_route53_health_check." + calculated.get(0) + ".id}";
  }

  @Test
  void aLoadBalancerEntryAliasesThePrimaryLoadBalancerUnderThePrimarysCheck() {
    JsonNode tree = synthesized(Entry.LOAD_BALANCER);
    assertEquals(2, records(tree).size(), records(tree)::toString);
    JsonNode primary = failover(tree, "PRIMARY").getValue();
    assertEquals(PRIMARY.dnsName(), primary.path("alias").path("name").asText());
    assertEquals(PRIMARY.zoneId(), primary.path("alias").path("zone_id").asText());
    assertTrue(primary.path("alias").path("evaluate_target_health").asBoolean());
    assertEquals(
        calculatedCheck(tree, "primary", SWITCH_CHECK), primary.path("health_check_id").asText());
  }

  @Test
  void aLatencySetEntryAliasesBothRegionsByLatencyEachUnderItsOwnCheck() {
    JsonNode tree = synthesized(Entry.LATENCY_SET);
    Map<String, JsonNode> latency =
        records(tree).entrySet().stream()
            .filter(r -> r.getValue().has("latency_routing_policy"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertEquals(4, records(tree).size(), "two failover and two latency records");
    assertEquals(2, latency.size(), latency::toString);
    Map<String, String> checkOf =
        Map.of(
            PRIMARY.region(), calculatedCheck(tree, "primary", SWITCH_CHECK),
            SECONDARY.region(), calculatedCheck(tree, "secondary", SECONDARY_DATA_CHECK));
    Map<String, DnsFailover.Endpoint> endpointOf =
        Map.of(PRIMARY.region(), PRIMARY, SECONDARY.region(), SECONDARY);
    Set<String> regions = new TreeSet<>();
    for (JsonNode record : latency.values()) {
      String region = record.path("latency_routing_policy").path("region").asText();
      regions.add(region);
      assertEquals("active." + RECORD_NAME, record.path("name").asText());
      assertEquals(ZONE_ID, record.path("zone_id").asText());
      assertEquals("A", record.path("type").asText());
      assertEquals(region, record.path("set_identifier").asText(), "the region identifies it");
      assertEquals(checkOf.get(region), record.path("health_check_id").asText());
      assertEquals(endpointOf.get(region).dnsName(), record.path("alias").path("name").asText());
      assertEquals(endpointOf.get(region).zoneId(), record.path("alias").path("zone_id").asText());
      assertTrue(record.path("alias").path("evaluate_target_health").asBoolean(), region);
      assertFalse(record.has("ttl"), "an alias takes its load balancer's TTL");
    }
    assertEquals(new TreeSet<>(List.of(PRIMARY.region(), SECONDARY.region())), regions);

    Map.Entry<String, JsonNode> primary = failover(tree, "PRIMARY");
    JsonNode alias = primary.getValue().path("alias");
    assertEquals("active." + RECORD_NAME, alias.path("name").asText());
    assertEquals(ZONE_ID, alias.path("zone_id").asText(), "a record of the same zone");
    assertTrue(alias.path("evaluate_target_health").asBoolean(), "healthy while one region is");
    assertFalse(primary.getValue().has("health_check_id"), "no check of its own");
    // Created after the set (Route 53 refuses an alias to a missing name), moved off before it
    // goes.
    assertEquals(
        latency.keySet().stream()
            .map(address -> address.substring("resource.".length()))
            .collect(Collectors.toSet()),
        list(primary.getValue().path("depends_on")).stream()
            .map(JsonNode::asText)
            .collect(Collectors.toSet()));
  }

  @Test
  void anAcceleratorEntryAliasesTheAcceleratorUnderThePrimarysCheck() {
    JsonNode tree = synthesized(Entry.ACCELERATOR);
    assertEquals(2, records(tree).size(), records(tree)::toString);
    JsonNode primary = failover(tree, "PRIMARY").getValue();
    assertEquals(ACCELERATOR_DNS_NAME, primary.path("alias").path("name").asText());
    assertEquals(ACCELERATOR_ZONE_ID, primary.path("alias").path("zone_id").asText());
    assertFalse(
        primary.path("alias").path("evaluate_target_health").asBoolean(true),
        "the record's own check decides");
    assertEquals(
        calculatedCheck(tree, "primary", SWITCH_CHECK), primary.path("health_check_id").asText());
  }

  @Test
  void theSecondaryRecordAndTheChecksAreTheSameWhateverThePrimaryAliases() {
    JsonNode reference = synthesized(Entry.LOAD_BALANCER);
    Map.Entry<String, JsonNode> secondary = failover(reference, "SECONDARY");
    assertEquals(SECONDARY.dnsName(), secondary.getValue().path("alias").path("name").asText());
    for (Entry entry : Entry.values()) {
      JsonNode tree = synthesized(entry);
      assertEquals(secondary, failover(tree, "SECONDARY"), entry.name());
      assertEquals(
          reference.path("resource").path("aws_route53_health_check"),
          tree.path("resource").path("aws_route53_health_check"),
          entry + ": the health checks");
    }
  }

  static Stream<Arguments> moves() {
    return Stream.of(Entry.values())
        .flatMap(
            from ->
                Stream.of(Entry.values())
                    .filter(to -> to != from)
                    .map(to -> Arguments.of(from, to)));
  }

  @ParameterizedTest(name = "{0} to {1}")
  @MethodSource("moves")
  void everyMoveUpdatesThePrimaryRecordInPlace(Entry from, Entry to) {
    JsonNode before = synthesized(from);
    JsonNode after = synthesized(to);
    assertEquals(List.of(), RecordMoves.problems(before, after));
    Map.Entry<String, JsonNode> oldPrimary = failover(before, "PRIMARY");
    Map.Entry<String, JsonNode> newPrimary = failover(after, "PRIMARY");
    assertEquals(oldPrimary.getKey(), newPrimary.getKey(), "the same address");
    for (String attribute : List.of("name", "set_identifier", "type", "zone_id")) {
      assertEquals(
          oldPrimary.getValue().path(attribute), newPrimary.getValue().path(attribute), attribute);
    }
    assertNotEquals(oldPrimary.getValue().path("alias"), newPrimary.getValue().path("alias"));
    assertEquals(publicName(before), publicName(after), "the same records under the public name");
  }

  /** The addresses of the records users resolve. */
  private static Set<String> publicName(JsonNode tree) {
    return records(tree).entrySet().stream()
        .filter(r -> RECORD_NAME.equals(r.getValue().path("name").asText()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void theMoveCheckReportsReplacedRecordsAndMixedPolicies() {
    JsonNode before = synthesized(Entry.LOAD_BALANCER);
    String primary = failover(before, "PRIMARY").getKey();
    String name = primary.substring(primary.lastIndexOf('.') + 1);

    JsonNode renamed = before.deepCopy();
    ((ObjectNode) renamed.path("resource").path("aws_route53_record").path(name))
        .put("set_identifier", "primary-active-active");
    assertEquals(
        List.of(primary + " changes its set_identifier: replaced"),
        RecordMoves.problems(before, renamed));

    JsonNode latency = before.deepCopy();
    ObjectNode record = (ObjectNode) latency.path("resource").path("aws_route53_record").path(name);
    record.remove("failover_routing_policy");
    record.putObject("latency_routing_policy").put("region", PRIMARY.region());
    List<String> problems = RecordMoves.problems(before, latency);
    assertEquals(2, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith(primary + " changes from"), problems::toString);
    assertTrue(problems.get(1).startsWith("after: "), problems::toString);
  }
}
