package io.drstack.constructs;

import static io.drstack.support.StackJson.list;
import static io.drstack.support.StackJson.ref;
import static io.drstack.support.StackJson.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.Names;
import io.drstack.config.Strategy;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Accelerator}: the Global Accelerator front door, only with {@code frontDoor accelerator}:
 * one accelerator and listener, an endpoint group per region in that region, the secondary's load
 * balancer reached through its SSM hand-off.
 */
class AcceleratorTest {

  /** Warm standby with the default regions, plain HTTP. */
  static Synthesized warmStandby() {
    return Synthesized.with(Map.of("DR_FRONT_DOOR", "accelerator"));
  }

  /** Active/active in other regions, with a certificate in each. */
  static Synthesized activeActive() {
    Map<String, String> env = new HashMap<>(Stacks.ALTERNATIVE_ENV);
    env.put("DR_FRONT_DOOR", "accelerator");
    env.put("DR_STRATEGY", "activeActive");
    env.put(
        "DR_PRIMARY_CERTIFICATE_ARN",
        "arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b");
    env.put(
        "DR_SECONDARY_CERTIFICATE_ARN",
        "arn:aws:acm:eu-central-1:123456789012:certificate/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");
    return Synthesized.with(env);
  }

  static Stream<Synthesized> acceleratorStacks() {
    return Stream.of(warmStandby(), activeActive());
  }

  private static List<Block> globalAcceleratorBlocks(Synthesized stack) {
    return TfJson.blocks(stack.tree()).stream()
        .filter(block -> block.type().startsWith("aws_globalaccelerator_"))
        .toList();
  }

  private static JsonNode group(Synthesized stack, String role) {
    Map<String, JsonNode> groups =
        TfJson.named(
            stack.resources("aws_globalaccelerator_endpoint_group"), role + "-endpoint-group");
    assertEquals(1, groups.size(), () -> role + " groups: " + groups.keySet());
    return groups.values().iterator().next();
  }

  @Test
  void theDnsFrontDoorHasNoAcceleratorNorItsHandOff() {
    Synthesized activeActiveDns = Synthesized.with(Map.of("DR_STRATEGY", "activeActive"));
    for (Synthesized stack : List.of(Stacks.defaults(), activeActiveDns)) {
      assertEquals(List.of(), globalAcceleratorBlocks(stack));
      assertFalse(stack.json().contains("/alb-arn/"), "no load balancer ARN hand-off");
      assertFalse(stack.tree().path("output").has("accelerator_dns_name"));
    }
  }

  @ParameterizedTest
  @MethodSource("acceleratorStacks")
  void oneEnabledIpv4AcceleratorAndOneTcpListenerOnThePrimarysProvider(Synthesized stack) {
    assertEquals(
        List.of(
            "aws_globalaccelerator_accelerator",
            "aws_globalaccelerator_endpoint_group",
            "aws_globalaccelerator_endpoint_group",
            "aws_globalaccelerator_listener"),
        globalAcceleratorBlocks(stack).stream().map(Block::type).sorted().toList());
    for (Block block : globalAcceleratorBlocks(stack)) {
      assertEquals("aws.primary", block.provider().orElseThrow(), block.toString());
    }
    JsonNode accelerator = single(stack, "aws_globalaccelerator_accelerator", "aws.primary");
    String name = accelerator.path("name").asText();
    assertEquals("dr-accelerator-" + stack.config().environmentSuffix(), name);
    assertTrue(stack.names().issued().contains(name), "named by the stack's rule");
    assertEquals("IPV4", accelerator.path("ip_address_type").asText());
    assertTrue(accelerator.path("enabled").asBoolean());
    assertFalse(accelerator.path("attributes").path("flow_logs_enabled").asBoolean(true));
    assertFalse(accelerator.has("tags"), "tagged by the provider's default_tags");

    JsonNode listener = single(stack, "aws_globalaccelerator_listener", "aws.primary");
    assertEquals(
        "aws_globalaccelerator_accelerator", ref(stack, listener.path("accelerator_arn")).type());
    assertEquals("TCP", listener.path("protocol").asText());
    assertEquals("NONE", listener.path("client_affinity").asText());
  }

  @ParameterizedTest
  @MethodSource("acceleratorStacks")
  void theListenerForwardsTheLoadBalancersListenerPortsWhichTheirGroupsAdmitFromAnywhere(
      Synthesized stack) {
    boolean https = stack.config().primary().certificateArn().isPresent();
    List<Integer> ports = https ? List.of(80, 443) : List.of(80);
    JsonNode listener = single(stack, "aws_globalaccelerator_listener", "aws.primary");
    assertEquals(
        ports.stream().map(port -> port + "-" + port).toList(),
        list(listener.path("port_range")).stream()
            .map(range -> range.path("from_port").asInt() + "-" + range.path("to_port").asInt())
            .toList());
    // Client IP preservation: the load balancer sees the client's address, not the accelerator's.
    for (String provider : List.of("aws.primary", "aws.secondary")) {
      String albGroup =
          ref(stack, single(stack, "aws_lb", provider).path("security_groups").get(0)).name();
      for (int port : ports) {
        assertTrue(
            stack.resources("aws_vpc_security_group_ingress_rule").values().stream()
                .anyMatch(
                    rule ->
                        ref(stack, rule.path("security_group_id")).name().equals(albGroup)
                            && rule.path("from_port").asInt() == port
                            && rule.path("to_port").asInt() == port
                            && "0.0.0.0/0".equals(rule.path("cidr_ipv4").asText())),
            provider + " load balancer admits port " + port + " from any client address");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("acceleratorStacks")
  void eachRegionHasItsGroupInThatRegionDialledByStrategy(Synthesized stack) {
    boolean activeActive = stack.config().traffic().strategy() == Strategy.ACTIVE_ACTIVE;
    Map<String, String> regions =
        Map.of(
            "primary", stack.config().primary().region(),
            "secondary", stack.config().secondary().region());
    Map<String, Integer> dials = Map.of("primary", 100, "secondary", activeActive ? 100 : 0);
    for (String role : List.of("primary", "secondary")) {
      JsonNode group = group(stack, role);
      assertEquals(regions.get(role), group.path("endpoint_group_region").asText(), role);
      assertEquals(dials.get(role), group.path("traffic_dial_percentage").asInt(), role);
      assertEquals("aws_globalaccelerator_listener", ref(stack, group.path("listener_arn")).type());
      group
          .fieldNames()
          .forEachRemaining(
              argument ->
                  assertFalse(
                      argument.startsWith("health_check_") || argument.equals("threshold_count"),
                      role + " sets " + argument + ", which ALB endpoints ignore"));
      List<JsonNode> endpoints = list(group.path("endpoint_configuration"));
      assertEquals(1, endpoints.size());
      assertEquals(128, endpoints.get(0).path("weight").asInt());
      assertTrue(endpoints.get(0).path("client_ip_preservation_enabled").asBoolean());
    }
    assertTrue(stack.config().traffic().accelerator());
  }

  @ParameterizedTest
  @MethodSource("acceleratorStacks")
  void theSecondarysLoadBalancerArnArrivesThroughItsHandOff(Synthesized stack) {
    Ref primary = ref(stack, endpointId(stack, "primary"));
    assertEquals("aws_lb", primary.type());
    assertEquals("aws.primary", primary.provider());
    assertEquals("arn", primary.attribute());

    Ref readBack = ref(stack, endpointId(stack, "secondary"));
    assertEquals("data.aws_ssm_parameter", readBack.type());
    assertEquals("aws.secondary", readBack.provider());
    String parameter =
        "/dr/"
            + stack.config().environmentSuffix()
            + "/alb-arn/"
            + stack.config().secondary().region();
    assertEquals(parameter, readBack.block().path("name").asText());
    JsonNode published =
        stack.resources("aws_ssm_parameter").values().stream()
            .filter(p -> parameter.equals(p.path("name").asText()))
            .findFirst()
            .orElseThrow();
    assertEquals("aws.secondary", published.path("provider").asText());
    Ref alb = ref(stack, published.path("insecure_value"));
    assertEquals("aws_lb", alb.type());
    assertEquals("aws.secondary", alb.provider());
    assertTrue(
        list(stack.tree().path("output").path("ssm_parameters").path("value")).stream()
            .anyMatch(name -> parameter.equals(name.asText())),
        "listed among the hand-off parameters");
  }

  /** No accelerator block refers to a block of another region but through an SSM read-back. */
  @ParameterizedTest
  @MethodSource("acceleratorStacks")
  void noAcceleratorBlockReachesIntoTheSecondaryRegion(Synthesized stack) {
    Map<String, Block> blocks = TfJson.byAddress(stack.tree());
    for (Block block : globalAcceleratorBlocks(stack)) {
      for (TfJson.Reference reference : TfJson.awsReferences(block.body())) {
        Block target = blocks.get(reference.address());
        assertTrue(
            target.provider().equals(block.provider())
                || target.address().startsWith("data.aws_ssm_parameter."),
            block + " " + reference.attributePath() + " reaches " + target);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("acceleratorStacks")
  void itsDnsNameAndAddressesAreOutputs(Synthesized stack) {
    JsonNode outputs = stack.tree().path("output");
    assertEquals(
        "aws_globalaccelerator_accelerator",
        ref(stack, outputs.path("accelerator_dns_name").path("value")).type());
    assertTrue(
        outputs
            .path("accelerator_ip_addresses")
            .path("value")
            .asText()
            .matches(
                "\\$\\{aws_globalaccelerator_accelerator\\.[^.]+\\.ip_sets\\[0\\]"
                    + "\\.ip_addresses}"),
        outputs.path("accelerator_ip_addresses").toString());
  }

  @Test
  void theNameFitsAwssLimitWithTheLongestSuffix() {
    String name = new Names("s".repeat(Names.MAX_SUFFIX_LENGTH)).accelerator();
    assertTrue(name.length() <= Names.ACCELERATOR_NAME_LIMIT, name);
    assertTrue(name.matches("[A-Za-z0-9-]+"), name);
  }

  private static JsonNode endpointId(Synthesized stack, String role) {
    return group(stack, role).path("endpoint_configuration").get(0).path("endpoint_id");
  }
}
