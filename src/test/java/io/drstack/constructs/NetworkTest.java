package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
import static io.drstack.support.StackJson.privateSubnets;
import static io.drstack.support.StackJson.publicSubnets;
import static io.drstack.support.StackJson.ref;
import static io.drstack.support.StackJson.routeTables;
import static io.drstack.support.StackJson.settings;
import static io.drstack.support.StackJson.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.vpc.Vpc;
import io.drstack.config.AvailabilityZone;
import io.drstack.support.AllStacks;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link Network}: the VPC over the region's zones, public subnets routed to the internet for the
 * load balancer, private ones with no way out for the instances, and the emptied default group.
 */
class NetworkTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void eachRegionHasAVpcWithItsConfiguredBlock(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      String cidr = settings(stack.config(), provider).vpcCidr();
      assertTrue(
          Testing.toHaveResourceWithProperties(
              stack.json(),
              Vpc.TF_RESOURCE_TYPE,
              Map.of("provider", provider, "cidr_block", cidr, "enable_dns_support", true)),
          provider + " VPC " + cidr);
    }
    assertEquals(2, stack.resources(Vpc.TF_RESOURCE_TYPE).size());
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void twoPublicAndTwoPrivateSubnetsPerRegionAcrossTwoZonesWithoutPublicAddresses(
      Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      Map<String, JsonNode> subnets = in(stack.resources("aws_subnet"), provider);
      Set<String> publicSubnets = publicSubnets(stack, provider);
      Set<String> privateSubnets = privateSubnets(stack, provider);
      assertEquals(2, publicSubnets.size(), provider + " load balancer subnets");
      assertEquals(2, privateSubnets.size(), provider + " instance subnets");
      assertTrue(
          publicSubnets.stream().noneMatch(privateSubnets::contains),
          "instances and load balancer share no subnet");
      assertEquals(
          Stream.concat(publicSubnets.stream(), privateSubnets.stream())
              .collect(Collectors.toSet()),
          subnets.keySet(),
          provider + " has exactly these four subnets");
      Set<String> vpc = in(stack.resources(Vpc.TF_RESOURCE_TYPE), provider).keySet();
      Set<String> blocks = new HashSet<>();
      for (JsonNode subnet : subnets.values()) {
        assertFalse(subnet.path("map_public_ip_on_launch").asBoolean(true), subnet.toString());
        assertEquals(vpc, Set.of(ref(stack, subnet.path("vpc_id")).name()), "its region's VPC");
        assertTrue(blocks.add(subnet.path("cidr_block").asText()), "subnet blocks are distinct");
      }
      List<AvailabilityZone> configured = settings(stack.config(), provider).zones();
      assertEquals(2, configured.size(), provider + " zones");
      for (Set<String> tier : List.of(publicSubnets, privateSubnets)) {
        Set<AvailabilityZone> zones =
            tier.stream().map(name -> zoneOf(subnets.get(name))).collect(Collectors.toSet());
        assertEquals(Set.copyOf(configured), zones, provider + " tier spans the configured zones");
      }
    }
  }

  /** The zone a subnet names, literally, by exactly one of the two zone arguments. */
  private static AvailabilityZone zoneOf(JsonNode subnet) {
    JsonNode name = subnet.path("availability_zone");
    JsonNode id = subnet.path("availability_zone_id");
    assertTrue(name.isMissingNode() != id.isMissingNode(), "one zone argument: " + subnet);
    JsonNode zone = name.isMissingNode() ? id : name;
    assertTrue(zone.isTextual() && !zone.asText().contains("${"), "a literal zone: " + subnet);
    return name.isMissingNode()
        ? new AvailabilityZone.Id(zone.asText())
        : new AvailabilityZone.Name(zone.asText());
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void noZoneIsLookedUpAtPlanTime(Synthesized stack) {
    // A zone that is impaired or briefly not "available" must not move subnets on the next apply.
    assertEquals(Map.of(), stack.dataSources("aws_availability_zones"));
    assertFalse(stack.json().contains("aws_availability_zones"), "referenced nowhere");
  }

  @Test
  void subnetsUseTheDefaultZoneNamesOrTheConfiguredZoneIds() {
    Map<String, List<String>> defaults = new java.util.TreeMap<>();
    Synthesized stack = Synthesized.defaults();
    for (String provider : SERVICE_PROVIDERS) {
      defaults.put(
          provider,
          in(stack.resources("aws_subnet"), provider).values().stream()
              .map(subnet -> subnet.path("availability_zone").asText())
              .sorted()
              .toList());
    }
    assertEquals(
        Map.of(
            "aws.primary",
            List.of("us-east-1a", "us-east-1a", "us-east-1b", "us-east-1b"),
            "aws.secondary",
            List.of("us-east-2a", "us-east-2a", "us-east-2b", "us-east-2b")),
        defaults);

    // The alternative gives its primary zones by ID (DR_PRIMARY_ZONES=euw1-az3,euw1-az1).
    Synthesized alternative = Stacks.alternative();
    Map<String, JsonNode> byId = in(alternative.resources("aws_subnet"), "aws.primary");
    assertEquals(
        List.of("euw1-az1", "euw1-az1", "euw1-az3", "euw1-az3"),
        byId.values().stream()
            .map(subnet -> subnet.path("availability_zone_id").asText())
            .sorted()
            .toList());
    byId.values()
        .forEach(subnet -> assertFalse(subnet.has("availability_zone"), subnet.toString()));
    assertEquals(
        List.of("eu-central-1a", "eu-central-1a", "eu-central-1b", "eu-central-1b"),
        in(alternative.resources("aws_subnet"), "aws.secondary").values().stream()
            .map(subnet -> subnet.path("availability_zone").asText())
            .sorted()
            .toList(),
        "the secondary keeps the default names");
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void privateSubnetsHaveNoRouteToTheInternet(Synthesized stack) {
    assertTrue(stack.resources("aws_nat_gateway").isEmpty(), "no NAT gateway");
    assertTrue(stack.resources("aws_egress_only_internet_gateway").isEmpty());
    for (String provider : SERVICE_PROVIDERS) {
      Set<String> privateTables = routeTables(stack, privateSubnets(stack, provider));
      Set<String> publicTables = routeTables(stack, publicSubnets(stack, provider));
      assertEquals(1, privateTables.size(), provider + " private route table");
      assertEquals(1, publicTables.size(), provider + " public route table");
      assertNotEquals(privateTables, publicTables);
      String privateTable = privateTables.iterator().next();
      assertTrue(
          stack.resources("aws_route_table").get(privateTable).path("route").isMissingNode(),
          "no inline routes");
      List<JsonNode> routes =
          stack.resources("aws_route").values().stream()
              .filter(r -> ref(stack, r.path("route_table_id")).name().equals(privateTable))
              .toList();
      assertEquals(List.of(), routes, provider + " private subnets route nowhere but the VPC");
      // The load balancer's subnets do need the internet gateway.
      String publicTable = publicTables.iterator().next();
      assertTrue(
          stack.resources("aws_route").values().stream()
              .anyMatch(
                  r ->
                      ref(stack, r.path("route_table_id")).name().equals(publicTable)
                          && "0.0.0.0/0".equals(r.path("destination_cidr_block").asText())
                          && ref(stack, r.path("gateway_id"))
                              .type()
                              .equals("aws_internet_gateway")),
          provider + " public subnets route to the internet gateway");
    }
  }

  @Test
  void theDefaultSecurityGroupOfEachVpcIsEmptied() {
    Synthesized stack = Synthesized.defaults();
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode group = single(stack, "aws_default_security_group", provider);
      assertEquals(provider, ref(stack, group.path("vpc_id")).provider());
      // Managed with no rule blocks, Terraform removes every rule AWS put there.
      for (String rules : List.of("ingress", "egress")) {
        assertTrue(group.path(rules).isMissingNode() || group.path(rules).isEmpty(), rules);
      }
    }
  }
}
