package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
import static io.drstack.support.StackJson.list;
import static io.drstack.support.StackJson.ref;
import static io.drstack.support.StackJson.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Synthesized;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link SecurityGroups}: internet to load balancer to instances, one port a rule, no SSH anywhere.
 */
class SecurityGroupsTest {

  private static String albSecurityGroup(Synthesized stack, String provider) {
    return onlyGroup(stack, single(stack, "aws_lb", provider).path("security_groups"));
  }

  private static String instanceSecurityGroup(Synthesized stack, String provider) {
    return onlyGroup(
        stack, single(stack, "aws_launch_template", provider).path("vpc_security_group_ids"));
  }

  /** The one security group a list of references names. */
  private static String onlyGroup(Synthesized stack, JsonNode groups) {
    assertEquals(1, groups.size());
    return ref(stack, groups.get(0)).name();
  }

  /** Every ingress permission: standalone rules, inline rules and legacy rule resources. */
  private static List<JsonNode> ingressRules(Synthesized stack) {
    List<JsonNode> rules =
        new ArrayList<>(stack.resources("aws_vpc_security_group_ingress_rule").values());
    stack
        .resources("aws_security_group")
        .values()
        .forEach(g -> rules.addAll(list(g.path("ingress"))));
    stack.resources("aws_security_group_rule").values().stream()
        .filter(r -> "ingress".equals(r.path("type").asText()))
        .forEach(rules::add);
    return rules;
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void noRuleAnywhereOpensSsh(Synthesized stack) {
    List<JsonNode> rules = ingressRules(stack);
    assertFalse(rules.isEmpty());
    for (JsonNode rule : rules) {
      String protocol = rule.path("ip_protocol").asText(rule.path("protocol").asText());
      assertFalse(Set.of("-1", "all").contains(protocol), "all-traffic rule: " + rule);
      int from = rule.path("from_port").asInt(-1);
      int to = rule.path("to_port").asInt(-1);
      assertTrue(from >= 0 && to >= from, "a port range: " + rule);
      assertFalse(from <= 22 && 22 <= to, "port 22 is open: " + rule);
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void onlyTheLoadBalancerIsOpenToTheInternetAndOnlyOn80And443(Synthesized stack) {
    Map<String, Set<Integer>> openPorts = new java.util.HashMap<>();
    for (JsonNode rule : ingressRules(stack)) {
      boolean open =
          "0.0.0.0/0".equals(rule.path("cidr_ipv4").asText())
              || "::/0".equals(rule.path("cidr_ipv6").asText())
              || list(rule.path("cidr_blocks")).stream()
                  .anyMatch(c -> c.asText().equals("0.0.0.0/0"));
      if (open) {
        Ref group = ref(stack, rule.path("security_group_id"));
        assertEquals(
            albSecurityGroup(stack, group.provider()),
            group.name(),
            "only the load balancer's group is open to the internet: " + rule);
        assertEquals(rule.path("from_port").asInt(), rule.path("to_port").asInt());
        openPorts
            .computeIfAbsent(group.provider(), p -> new HashSet<>())
            .add(rule.path("from_port").asInt());
      }
    }
    assertEquals(
        Map.of("aws.primary", Set.of(80, 443), "aws.secondary", Set.of(80, 443)), openPorts);
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void instancesAcceptTheAppPortOnlyFromTheLoadBalancer(Synthesized stack) {
    int port = stack.config().service().appPort();
    for (String provider : SERVICE_PROVIDERS) {
      String instances = instanceSecurityGroup(stack, provider);
      List<JsonNode> rules =
          ingressRules(stack).stream()
              .filter(
                  r ->
                      r.has("security_group_id")
                          && ref(stack, r.path("security_group_id")).name().equals(instances))
              .toList();
      assertTrue(
          in(stack.resources("aws_security_group"), provider)
              .get(instances)
              .path("ingress")
              .isMissingNode(),
          "no inline rules on the instances' group");
      assertEquals(1, rules.size(), provider + " instance rules: " + rules);
      JsonNode rule = rules.get(0);
      assertEquals(port, rule.path("from_port").asInt());
      assertEquals(port, rule.path("to_port").asInt());
      assertEquals("tcp", rule.path("ip_protocol").asText());
      assertTrue(rule.path("cidr_ipv4").isMissingNode(), "no address range, a group");
      Ref source = ref(stack, rule.path("referenced_security_group_id"));
      assertEquals(albSecurityGroup(stack, provider), source.name());
      assertEquals(provider, source.provider());

      JsonNode targetGroup = single(stack, "aws_lb_target_group", provider);
      assertEquals(port, targetGroup.path("port").asInt(), "the load balancer sends to it");
    }
  }

  /**
   * A new app port replaces the target group, which AWS refuses to delete while a listener uses it:
   * the app-port rules must wait for that replacement, so that a refused one leaves them, and the
   * region's traffic, on the old port.
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theAppPortRulesChangeOnlyAfterTheTargetGroupIsReplaced(Synthesized stack) {
    int port = stack.config().service().appPort();
    for (String provider : SERVICE_PROVIDERS) {
      Set<String> targetGroups = in(stack.resources("aws_lb_target_group"), provider).keySet();
      assertEquals(1, targetGroups.size(), provider + " target groups: " + targetGroups);
      String targetGroup = "aws_lb_target_group." + targetGroups.iterator().next();
      int rules = 0;
      for (String type :
          List.of("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")) {
        for (var rule : in(stack.resources(type), provider).entrySet()) {
          List<String> dependsOn =
              list(rule.getValue().path("depends_on")).stream().map(JsonNode::asText).toList();
          boolean appPort = rule.getValue().path("from_port").asInt() == port;
          assertEquals(
              appPort ? List.of(targetGroup) : List.of(),
              dependsOn,
              provider + " " + rule.getKey() + " on port " + rule.getValue().path("from_port"));
          rules += appPort ? 1 : 0;
        }
      }
      assertEquals(2, rules, provider + ": the load balancer's egress and the instances' ingress");
    }
  }

  /** The fields a {@link Peer} renders: a rule names its other side by exactly one of them. */
  private static final List<String> PEER_FIELDS =
      List.of("cidr_ipv4", "cidr_ipv6", "referenced_security_group_id", "prefix_list_id");

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyRuleNamesExactlyOnePeerAndEachKindOfPeerIsUsed(Synthesized stack) {
    Map<String, Set<String>> kindsByProvider = new java.util.TreeMap<>();
    for (String type :
        List.of("aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule")) {
      stack
          .resources(type)
          .forEach(
              (name, rule) -> {
                List<String> peers = PEER_FIELDS.stream().filter(rule::has).toList();
                assertEquals(1, peers.size(), name + " names one peer: " + peers);
                kindsByProvider
                    .computeIfAbsent(rule.path("provider").asText(), p -> new HashSet<>())
                    .add(peers.get(0));
                if (peers.get(0).equals("prefix_list_id")) {
                  Ref list = ref(stack, rule.path("prefix_list_id"));
                  assertEquals("aws_vpc_endpoint", list.type(), name);
                  assertEquals("Gateway", list.block().path("vpc_endpoint_type").asText(), name);
                } else if (peers.get(0).equals("referenced_security_group_id")) {
                  assertEquals(
                      "aws_security_group",
                      ref(stack, rule.path("referenced_security_group_id")).type(),
                      name);
                }
              });
    }
    Set<String> everyKind = Set.of("cidr_ipv4", "referenced_security_group_id", "prefix_list_id");
    assertEquals(
        Map.of("aws.primary", everyKind, "aws.secondary", everyKind),
        kindsByProvider,
        "Peer.anyIpv4, Peer.group and Peer.prefixList in each region, and nothing else");
  }
}
