package io.drstack.constructs;

import static io.drstack.support.StackJson.list;
import static io.drstack.support.StackJson.ref;
import static io.drstack.support.StackJson.regionOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import com.hashicorp.cdktf.providers.aws.route53_zone.Route53Zone;
import io.drstack.config.DnsSettings;
import io.drstack.config.Setting;
import io.drstack.support.AllStacks;
import io.drstack.support.RecordMoves;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Route 53 failover: health checks on both load balancers, PRIMARY and SECONDARY records tied to
 * them, and the secondary's address read from SSM rather than from its load balancer.
 */
class DnsFailoverTest {
  /** The failover record of one role ({@code PRIMARY} or {@code SECONDARY}). */
  private static JsonNode record(Synthesized stack, String role) {
    List<JsonNode> records =
        stack.resources("aws_route53_record").values().stream()
            .filter(r -> role.equals(r.path("failover_routing_policy").path("type").asText()))
            .toList();
    assertEquals(1, records.size(), role + " records");
    return records.get(0);
  }

  /**
   * The endpoint health check a record follows: the one it is tied to, or, with the Region switch
   * plan, the endpoint check inside the calculated check it is tied to (RegionSwitchPlanTest).
   */
  private static JsonNode healthCheck(Synthesized stack, JsonNode record) {
    Ref check = ref(stack, record.path("health_check_id"));
    assertEquals("aws_route53_health_check", check.type());
    assertEquals("id", check.attribute());
    if (!"CALCULATED".equals(check.block().path("type").asText())) {
      return check.block();
    }
    Ref endpoint = ref(stack, check.block().path("child_healthchecks").path(0));
    assertEquals("id", endpoint.attribute());
    return endpoint.block();
  }

  /**
   * Asserts the expression reads the SSM parameter {@code /dr/<suffix>/<kind>/<secondary region>}
   * through the secondary provider, after the parameter exists, and that the parameter holds the
   * secondary load balancer's {@code attribute}.
   */
  private static void readFromSecondarySsm(
      Synthesized stack, JsonNode expression, String kind, String attribute) {
    assertFalse(expression.asText().contains("aws_lb."), "never the load balancer: " + expression);
    Ref read = ref(stack, expression);
    assertEquals("data.aws_ssm_parameter", read.type(), expression.toString());
    assertEquals("insecure_value", read.attribute(), expression.toString());
    assertEquals("aws.secondary", read.provider(), "read in the region that owns the value");
    String name =
        "/dr/"
            + stack.config().environmentSuffix()
            + "/"
            + kind
            + "/"
            + stack.config().secondary().region();
    assertEquals(name, read.block().path("name").asText());
    List<String> dependsOn =
        list(read.block().path("depends_on")).stream().map(JsonNode::asText).toList();
    List<Map.Entry<String, JsonNode>> parameters =
        stack.resources("aws_ssm_parameter").entrySet().stream()
            .filter(p -> name.equals(p.getValue().path("name").asText()))
            .toList();
    assertEquals(1, parameters.size(), name);
    assertTrue(
        dependsOn.contains("aws_ssm_parameter." + parameters.get(0).getKey()),
        "waits for the parameter: " + dependsOn);
    Ref source = ref(stack, parameters.get(0).getValue().path("insecure_value"));
    assertEquals("aws_lb", source.type());
    assertEquals(attribute, source.attribute());
    assertEquals("aws.secondary", source.provider());
  }

  @Test
  void createsAZoneWhenNoneIsConfigured() {
    Synthesized stack = Synthesized.defaults();
    DnsSettings dns = stack.config().dns();
    assertTrue(dns.hostedZoneId().isEmpty());
    assertTrue(
        Testing.toHaveResourceWithProperties(
            stack.json(),
            Route53Zone.TF_RESOURCE_TYPE,
            Map.of("provider", "aws.primary", "name", dns.zoneName())));
    assertEquals(1, stack.resources("aws_route53_zone").size());
    for (String role : List.of("PRIMARY", "SECONDARY")) {
      JsonNode record = record(stack, role);
      Ref zone = ref(stack, record.path("zone_id"));
      assertEquals("aws_route53_zone", zone.type());
      assertEquals("zone_id", zone.attribute());
      assertEquals(dns.recordName(), record.path("name").asText());
      assertTrue(dns.recordName().endsWith("." + dns.zoneName()), "the record is in the zone");
    }
  }

  private static JsonNode zone(Synthesized stack) {
    Map<String, JsonNode> zones = stack.resources("aws_route53_zone");
    assertEquals(1, zones.size(), zones::toString);
    return zones.values().iterator().next();
  }

  @Test
  void aPlaceholderZoneNameFailsEveryPlanAndSynthWarns() {
    Synthesized stack = Synthesized.defaults();
    DnsSettings dns = stack.config().dns();
    assertEquals("dr-dev.example.com", dns.zoneName());
    assertTrue(dns.placeholderZone());
    List<JsonNode> preconditions = TfJson.preconditions(zone(stack));
    assertEquals(1, preconditions.size(), preconditions::toString);
    JsonNode precondition = preconditions.get(0);

    // The condition is false: it negates a local that is true.
    Matcher condition =
        Pattern.compile("\\$\\{!local\\.([A-Za-z0-9_-]+)}")
            .matcher(precondition.path("condition").asText());
    assertTrue(condition.matches(), precondition::toString);
    JsonNode local = stack.tree().path("locals").path(condition.group(1));
    assertTrue(local.isBoolean() && local.asBoolean(), "local." + condition.group(1) + " is true");

    String message = precondition.path("error_message").asText();
    for (String named :
        List.of(
            dns.zoneName(),
            Setting.ZONE_NAME.contextKey(),
            Setting.ZONE_NAME.envVar(),
            Setting.HOSTED_ZONE_ID.contextKey(),
            Setting.HOSTED_ZONE_ID.envVar())) {
      assertTrue(message.contains(named), () -> "error message names " + named + ": " + message);
    }
    assertTrue(
        stack.warnings().stream()
            .anyMatch(w -> w.contains(dns.zoneName()) && w.contains("placeholder")),
        () -> "a synth warning about the placeholder zone: " + stack.warnings());
  }

  @Test
  void aRealZoneNameHasNoPrecondition() {
    Synthesized stack = Stacks.alternative();
    DnsSettings dns = stack.config().dns();
    assertEquals("dr-qa.acme-corp.com", dns.zoneName());
    assertFalse(dns.placeholderZone());
    JsonNode zone = zone(stack);
    assertEquals(dns.zoneName(), zone.path("name").asText());
    assertEquals(List.of(), TfJson.preconditions(zone), zone::toString);
    assertTrue(stack.tree().path("locals").isMissingNode(), "no local");
    assertTrue(
        stack.warnings().stream().noneMatch(w -> w.contains("placeholder")),
        () -> stack.warnings().toString());
  }

  @Test
  void anExistingZoneNeedsNoGuard() {
    Synthesized stack = Stacks.custom();
    assertFalse(stack.config().dns().placeholderZone());
    assertTrue(stack.tree().path("locals").isMissingNode(), "no local");
    assertTrue(
        stack.warnings().stream().noneMatch(w -> w.contains("placeholder")),
        () -> stack.warnings().toString());
  }

  @Test
  void usesTheConfiguredZoneInsteadOfCreatingOne() {
    Synthesized stack = Stacks.custom();
    assertTrue(stack.resources("aws_route53_zone").isEmpty(), "no zone created");
    for (String role : List.of("PRIMARY", "SECONDARY")) {
      JsonNode record = record(stack, role);
      assertEquals("Z0123456789ABCDEFGHIJ", record.path("zone_id").asText());
      assertEquals("shop.example.org", record.path("name").asText());
    }
  }

  @Test
  void healthChecksProbeHealthOverHttpByDefault() {
    Synthesized stack = Synthesized.defaults();
    List<JsonNode> endpointChecks =
        stack.resources("aws_route53_health_check").values().stream()
            .filter(check -> check.has("fqdn"))
            .toList();
    assertEquals(2, endpointChecks.size());
    assertEquals(10, stack.config().dns().healthCheckIntervalSeconds(), "documented default");
    assertEquals(3, stack.config().dns().healthCheckFailureThreshold(), "documented default");
    for (JsonNode check : endpointChecks) {
      assertEquals("HTTP", check.path("type").asText());
      assertEquals(80, check.path("port").asInt());
      assertEquals("/health", check.path("resource_path").asText());
      assertEquals(10, check.path("request_interval").asInt());
      assertEquals(3, check.path("failure_threshold").asInt());
    }
  }

  @Test
  void healthChecksUseHttpsWithCertificatesAndTheConfiguredTiming() {
    Synthesized stack = Stacks.custom();
    assertEquals(
        2,
        stack.resources("aws_route53_health_check").values().stream()
            .filter(check -> check.has("fqdn"))
            .count(),
        "one endpoint check per region");
    for (String role : List.of("PRIMARY", "SECONDARY")) {
      assertTrue(
          Testing.toHaveResourceWithProperties(
              stack.json(),
              Route53HealthCheck.TF_RESOURCE_TYPE,
              Map.of(
                  "fqdn",
                  record(stack, role).path("alias").path("name").asText(),
                  "type",
                  "HTTPS",
                  "port",
                  443,
                  "resource_path",
                  "/health",
                  "request_interval",
                  30,
                  "failure_threshold",
                  5)),
          role + " health check");
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theSecondaryEndpointComesFromSsmNeverFromItsLoadBalancer(Synthesized stack) {
    JsonNode record = record(stack, "SECONDARY");
    JsonNode check = healthCheck(stack, record);
    readFromSecondarySsm(stack, check.path("fqdn"), "alb-dns", "dns_name");
    readFromSecondarySsm(stack, record.path("alias").path("name"), "alb-dns", "dns_name");
    readFromSecondarySsm(stack, record.path("alias").path("zone_id"), "alb-zone-id", "zone_id");
  }

  /**
   * The record that answers with {@code role}'s load balancer: its failover record, or with
   * activeActive behind DNS the primary's latency record (the PRIMARY record aliases the set).
   */
  private static JsonNode loadBalancerRecord(Synthesized stack, String role) {
    if (role.equals("PRIMARY") && stack.config().traffic().activeActive()) {
      String region = stack.config().primary().region();
      return stack.resources("aws_route53_record").values().stream()
          .filter(r -> region.equals(r.path("latency_routing_policy").path("region").asText()))
          .findFirst()
          .orElseThrow();
    }
    return record(stack, role);
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void thePrimaryEndpointIsThePrimaryLoadBalancer(Synthesized stack) {
    if (stack.config().traffic().accelerator()) {
      JsonNode primary = record(stack, "PRIMARY");
      Ref probed = ref(stack, healthCheck(stack, primary).path("fqdn"));
      // Users enter through the accelerator; the primary's check still probes its load balancer.
      Ref accelerator = ref(stack, primary.path("alias").path("name"));
      assertEquals("aws_globalaccelerator_accelerator", accelerator.type());
      assertEquals("dns_name", accelerator.attribute());
      assertEquals(
          Accelerator.HOSTED_ZONE_ID, primary.path("alias").path("zone_id").asText(), "zone");
      assertEquals("aws_lb", probed.type());
      assertEquals("aws.primary", probed.provider());
      return;
    }
    JsonNode record = loadBalancerRecord(stack, "PRIMARY");
    Ref name = ref(stack, record.path("alias").path("name"));
    Ref zone = ref(stack, record.path("alias").path("zone_id"));
    for (Ref target : List.of(name, zone, ref(stack, healthCheck(stack, record).path("fqdn")))) {
      assertEquals("aws.primary", target.provider(), target.toString());
    }
    assertEquals("aws_lb", name.type());
    assertEquals("dns_name", name.attribute());
    assertEquals("zone_id", zone.attribute());
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void eachLoadBalancersRecordIsTiedToItsOwnHealthCheck(Synthesized stack) {
    Set<String> identifiers = new HashSet<>();
    Set<String> checks = new HashSet<>();
    List<String> roles =
        stack.config().traffic().accelerator()
            ? List.of("SECONDARY")
            : List.of("PRIMARY", "SECONDARY");
    for (String role : roles) {
      JsonNode record = loadBalancerRecord(stack, role);
      assertEquals("A", record.path("type").asText());
      assertFalse(record.path("set_identifier").asText().isEmpty(), role + " set identifier");
      identifiers.add(record.path("set_identifier").asText());
      assertTrue(record.path("alias").path("evaluate_target_health").asBoolean(false), role);
      checks.add(healthCheck(stack, record).path("fqdn").asText());
      // The check probes exactly what the record answers with.
      assertEquals(
          record.path("alias").path("name").asText(),
          healthCheck(stack, record).path("fqdn").asText(),
          role + " health check probes the record's target");
    }
    assertEquals(roles.size(), identifiers.size(), "distinct set identifiers");
    assertEquals(roles.size(), checks.size(), "one health check per record");
    // The public name has exactly its two failover records, whatever stands behind them.
    for (String role : List.of("PRIMARY", "SECONDARY")) {
      assertEquals(stack.config().dns().recordName(), record(stack, role).path("name").asText());
    }
    assertNotEquals(
        record(stack, "PRIMARY").path("alias").path("name").asText(),
        record(stack, "SECONDARY").path("alias").path("name").asText());
  }

  /** The defaults with both regions serving: the strategy is the only change. */
  private static Synthesized activeActive() {
    return Synthesized.with(Map.of(Setting.STRATEGY.envVar(), "activeActive"));
  }

  @Test
  void activeActiveBehindDnsAnswersWithTheNearestHealthyRegion() {
    Synthesized stack = activeActive();
    JsonNode primary = record(stack, "PRIMARY");
    String setName = "active." + stack.config().dns().recordName();
    assertEquals(setName, primary.path("alias").path("name").asText());
    assertEquals(primary.path("zone_id"), primary.path("alias").path("zone_id"), "the same zone");
    assertTrue(primary.path("alias").path("evaluate_target_health").asBoolean());
    assertFalse(primary.has("health_check_id"), "healthy while either region is");
    List<JsonNode> latency =
        stack.resources("aws_route53_record").values().stream()
            .filter(r -> r.has("latency_routing_policy"))
            .toList();
    assertEquals(2, latency.size());
    Set<String> regions = new HashSet<>();
    for (JsonNode record : latency) {
      String region = record.path("latency_routing_policy").path("region").asText();
      regions.add(region);
      assertEquals(setName, record.path("name").asText());
      assertEquals(region, record.path("set_identifier").asText());
      // Each region's record follows that region's every health input, as its failover record
      // does with warm standby: endpoint, failover switch (primary), data tier.
      Ref check = ref(stack, record.path("health_check_id"));
      assertEquals("CALCULATED", check.block().path("type").asText(), region);
      JsonNode endpoint = healthCheck(stack, record);
      assertEquals(record.path("alias").path("name"), endpoint.path("fqdn"), region);
      JsonNode warm =
          record(
              Synthesized.defaults(),
              region.equals(stack.config().primary().region()) ? "PRIMARY" : "SECONDARY");
      assertEquals(warm.path("health_check_id"), record.path("health_check_id"), region);
      assertEquals(warm.path("alias"), record.path("alias"), region);
    }
    assertEquals(
        Set.of(stack.config().primary().region(), stack.config().secondary().region()), regions);
  }

  @Test
  void movingBetweenWarmStandbyAndActiveActiveReplacesNoRecord() {
    Synthesized warm = Synthesized.defaults();
    Synthesized active = activeActive();
    assertEquals(List.of(), RecordMoves.problems(warm.tree(), active.tree()));
    assertEquals(List.of(), RecordMoves.problems(active.tree(), warm.tree()));
    assertEquals(
        warm.resources("aws_route53_record").keySet(),
        active.resources("aws_route53_record").keySet().stream()
            .filter(
                name ->
                    !active.resources("aws_route53_record").get(name).has("latency_routing_policy"))
            .collect(Collectors.toSet()),
        "the same two failover records");
    assertEquals(record(warm, "SECONDARY"), record(active, "SECONDARY"));
    assertEquals(
        warm.resources("aws_route53_health_check"),
        active.resources("aws_route53_health_check"),
        "the same checks");
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void route53IsManagedThroughThePrimaryProvider(Synthesized stack) {
    Set<String> providers =
        Stream.of("aws_route53_zone", "aws_route53_health_check", "aws_route53_record")
            .flatMap(type -> stack.resources(type).values().stream())
            .map(block -> block.path("provider").asText())
            .collect(Collectors.toSet());
    assertEquals(Set.of("aws.primary"), providers);
    assertEquals(stack.config().primary().region(), regionOf(stack, "aws.primary"));
  }
}
