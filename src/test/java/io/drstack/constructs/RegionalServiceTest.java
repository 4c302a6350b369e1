package io.drstack.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameter;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplate;
import com.hashicorp.cdktf.providers.aws.lb.Lb;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListener;
import com.hashicorp.cdktf.providers.aws.ssm_parameter.SsmParameter;
import com.hashicorp.cdktf.providers.aws.vpc.Vpc;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import io.drstack.config.AvailabilityZone;
import io.drstack.config.DrConfig;
import io.drstack.config.RegionSettings;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The application in each region: network, security groups, instances, load balancer and the SSM
 * hand-off of its address. Also holds the fixtures the other part-2 construct tests share: besides
 * {@link Stacks}' two configurations, one more with certificates and every part-2 setting changed.
 */
class RegionalServiceTest {

  static final List<String> SERVICE_PROVIDERS = List.of("aws.primary", "aws.secondary");

  static Synthesized custom() {
    return Stacks.custom();
  }

  static Stream<Named<Synthesized>> allConfigs() {
    return Stream.of(
        Named.of("defaults", Synthesized.defaults()),
        Named.of("alternative regions", Stacks.alternative()),
        Named.of("certificates and custom settings", custom()));
  }

  /** What a <code>${type.name.attribute}</code> expression points at. */
  record Ref(String type, String name, String attribute, JsonNode block) {
    String provider() {
      return block.path("provider").asText();
    }
  }

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{(data\\.)?([a-z0-9_]+)\\.([^.}]+)\\.([a-z0-9_]+)}");

  /** Resolves an expression that is exactly one reference; fails on anything else. */
  static Ref ref(Synthesized stack, JsonNode expression) {
    Matcher m = REFERENCE.matcher(expression.asText());
    assertTrue(m.matches(), () -> "expected one reference, got " + expression);
    Map<String, JsonNode> blocks =
        m.group(1) == null ? stack.resources(m.group(2)) : stack.dataSources(m.group(2));
    JsonNode block = blocks.get(m.group(3));
    assertNotNull(block, () -> expression + " references nothing in the stack");
    String type = (m.group(1) == null ? "" : "data.") + m.group(2);
    return new Ref(type, m.group(3), m.group(4), block);
  }

  /** The blocks of a map that use one provider, by logical name. */
  static Map<String, JsonNode> in(Map<String, JsonNode> blocks, String provider) {
    return blocks.entrySet().stream()
        .filter(e -> provider.equals(e.getValue().path("provider").asText()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /** The one block of a type that uses a provider. */
  static JsonNode single(Synthesized stack, String type, String provider) {
    Map<String, JsonNode> found = in(stack.resources(type), provider);
    assertEquals(
        1, found.size(), () -> "one " + type + " with " + provider + ": " + found.keySet());
    return found.values().iterator().next();
  }

  /** The region a provider reference ({@code aws.<alias>}) deploys to. */
  static String regionOf(Synthesized stack, String provider) {
    String alias = provider.substring(provider.indexOf('.') + 1);
    return StreamSupport.stream(stack.tree().path("provider").path("aws").spliterator(), false)
        .filter(p -> alias.equals(p.path("alias").asText()))
        .map(p -> p.path("region").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no provider " + provider));
  }

  static RegionSettings settings(DrConfig config, String provider) {
    return provider.equals("aws.primary") ? config.primary() : config.secondary();
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> result = new ArrayList<>();
    array.forEach(result::add);
    return result;
  }

  private static Set<String> names(Synthesized stack, JsonNode references) {
    return list(references).stream().map(r -> ref(stack, r).name()).collect(Collectors.toSet());
  }

  private static Set<String> privateSubnets(Synthesized stack, String provider) {
    return names(
        stack, single(stack, "aws_autoscaling_group", provider).path("vpc_zone_identifier"));
  }

  private static Set<String> publicSubnets(Synthesized stack, String provider) {
    return names(stack, single(stack, "aws_lb", provider).path("subnets"));
  }

  /** Route tables the named subnets are associated with. */
  private static Set<String> routeTables(Synthesized stack, Set<String> subnets) {
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

  private static String albSecurityGroup(Synthesized stack, String provider) {
    JsonNode groups = single(stack, "aws_lb", provider).path("security_groups");
    assertEquals(1, groups.size());
    return ref(stack, groups.get(0)).name();
  }

  private static String instanceSecurityGroup(Synthesized stack, String provider) {
    JsonNode groups = single(stack, "aws_launch_template", provider).path("vpc_security_group_ids");
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

  @Test
  void eachRegionHasAVpcWithItsConfiguredBlock() {
    for (Synthesized stack : List.of(Synthesized.defaults(), custom())) {
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
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
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
  @MethodSource("allConfigs")
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
  @MethodSource("allConfigs")
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

  @ParameterizedTest
  @MethodSource("allConfigs")
  void vpcEndpointsAreThePrivateSubnetsOnlyWayOut(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      String region = regionOf(stack, provider);
      Set<String> privateTables = routeTables(stack, privateSubnets(stack, provider));
      Map<String, JsonNode> endpoints = in(stack.resources(VpcEndpoint.TF_RESOURCE_TYPE), provider);
      JsonNode s3 =
          endpoints.values().stream()
              .filter(
                  e -> e.path("service_name").asText().equals("com.amazonaws." + region + ".s3"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(provider + " S3 endpoint"));
      assertEquals("Gateway", s3.path("vpc_endpoint_type").asText());
      assertEquals(privateTables, names(stack, s3.path("route_table_ids")));
      for (String service : List.of("ssm", "ssmmessages", "ec2messages", "logs")) {
        assertTrue(
            Testing.toHaveResourceWithProperties(
                stack.json(),
                VpcEndpoint.TF_RESOURCE_TYPE,
                Map.of(
                    "provider",
                    provider,
                    "service_name",
                    "com.amazonaws." + region + "." + service,
                    "vpc_endpoint_type",
                    "Interface",
                    "private_dns_enabled",
                    true)),
            provider + " " + service + " endpoint");
      }
      endpoints.values().stream()
          .filter(e -> "Interface".equals(e.path("vpc_endpoint_type").asText()))
          .forEach(
              e ->
                  assertEquals(
                      privateSubnets(stack, provider),
                      names(stack, e.path("subnet_ids")),
                      "interface endpoints sit in the private subnets"));
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

  @ParameterizedTest
  @MethodSource("allConfigs")
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
  @MethodSource("allConfigs")
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
  @MethodSource("allConfigs")
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

  @ParameterizedTest
  @MethodSource("allConfigs")
  void launchTemplatesRequireImdsV2(Synthesized stack) {
    assertTrue(
        Testing.toHaveResourceWithProperties(
            stack.json(),
            LaunchTemplate.TF_RESOURCE_TYPE,
            Map.of(
                "metadata_options",
                Map.of("http_tokens", "required", "http_put_response_hop_limit", 1))));
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode options = single(stack, "aws_launch_template", provider).path("metadata_options");
      assertEquals("required", options.path("http_tokens").asText(), provider);
      assertEquals(1, options.path("http_put_response_hop_limit").asInt(), provider);
      assertNotEquals("disabled", options.path("http_endpoint").asText());
    }
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void volumesAreEncryptedWithTheKeyOfTheTemplatesOwnRegion(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode template = single(stack, "aws_launch_template", provider);
      List<JsonNode> volumes = list(template.path("block_device_mappings"));
      assertFalse(volumes.isEmpty());
      for (JsonNode volume : volumes) {
        JsonNode ebs = volume.path("ebs");
        assertEquals("true", ebs.path("encrypted").asText(), provider);
        Ref key = ref(stack, ebs.path("kms_key_id"));
        assertEquals("aws_kms_key", key.type());
        assertEquals(provider, key.provider(), "the key of the template's region");
      }
    }
  }

  private static final String AMI_PARAMETER =
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

  private static Map<String, JsonNode> amiLookups(Synthesized stack, String provider) {
    return in(stack.dataSources(DataAwsSsmParameter.TF_RESOURCE_TYPE), provider).entrySet().stream()
        .filter(e -> AMI_PARAMETER.equals(e.getValue().path("name").asText()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void unpinnedImageIsTheNewestAmazonLinux2023ReadOnceAtCreation(Synthesized stack) {
    assertEquals(AMI_PARAMETER, RegionalService.AMI_PARAMETER);
    for (String provider : SERVICE_PROVIDERS) {
      if (settings(stack.config(), provider).amiId().isPresent()) {
        continue;
      }
      JsonNode template = single(stack, "aws_launch_template", provider);
      assertTrue(
          Testing.toHaveDataSourceWithProperties(
              stack.json(),
              DataAwsSsmParameter.TF_RESOURCE_TYPE,
              Map.of("provider", provider, "name", AMI_PARAMETER)));
      Ref image = ref(stack, template.path("image_id"));
      assertEquals("data.aws_ssm_parameter", image.type());
      assertEquals("insecure_value", image.attribute());
      assertEquals(AMI_PARAMETER, image.block().path("name").asText());
      assertEquals(provider, image.provider());
      // A new AMI from AWS must never roll both regions' instances in one apply.
      assertTrue(
          TfJson.ignoreChanges(template).contains("image_id"),
          provider + " ignores a newer AMI: " + template.path("lifecycle"));
    }
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void pinnedImageIsTheConfiguredAmiAndIsFollowed(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      var pinned = settings(stack.config(), provider).amiId();
      if (pinned.isEmpty()) {
        continue;
      }
      JsonNode template = single(stack, "aws_launch_template", provider);
      assertEquals(pinned.get(), template.path("image_id").asText(), provider);
      assertFalse(
          TfJson.ignoreChanges(template).contains("image_id"),
          provider + " follows the pinned AMI: " + template.path("lifecycle"));
      assertEquals(Map.of(), amiLookups(stack, provider), provider + " looks up no AMI");
    }
  }

  @Test
  void pinningAnAmiInOneRegionLeavesTheOtherUnpinned() {
    Synthesized alternative = Stacks.alternative();
    assertEquals(
        java.util.Optional.of(Stacks.PINNED_AMI), alternative.config().secondary().amiId());
    assertEquals(
        Stacks.PINNED_AMI,
        single(alternative, "aws_launch_template", "aws.secondary").path("image_id").asText());
    JsonNode primary = single(alternative, "aws_launch_template", "aws.primary");
    assertEquals(
        "data.aws_ssm_parameter", ref(alternative, primary.path("image_id")).type(), "unpinned");
    assertEquals(List.of("image_id"), TfJson.ignoreChanges(primary));
    assertEquals(1, amiLookups(alternative, "aws.primary").size());
    assertEquals(Map.of(), amiLookups(alternative, "aws.secondary"));
    // The defaults pin nothing: both regions look the AMI up.
    for (String provider : SERVICE_PROVIDERS) {
      assertEquals(1, amiLookups(Synthesized.defaults(), provider).size(), provider);
    }
  }

  @Test
  void userDataServesHealthAndNamesItsOwnRegion() {
    Synthesized stack = Stacks.alternative();
    int port = stack.config().service().appPort();
    for (String provider : SERVICE_PROVIDERS) {
      String script =
          new String(
              Base64.getDecoder()
                  .decode(
                      single(stack, "aws_launch_template", provider).path("user_data").asText()),
              StandardCharsets.UTF_8);
      String region = regionOf(stack, provider);
      String other =
          regionOf(stack, provider.equals("aws.primary") ? "aws.secondary" : "aws.primary");
      assertTrue(script.startsWith("#!"), "a script");
      assertTrue(script.contains(region), provider + " page names " + region);
      assertFalse(script.contains(other), provider + " page does not name " + other);
      assertTrue(script.contains("/health"), "answers " + RegionalService.HEALTH_PATH);
      assertTrue(script.contains(String.valueOf(port)), "listens on the app port");
    }
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void instanceRoleIsForEc2AndGrantsNoWildcardNorShellAccess(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      Ref role = ref(stack, single(stack, "aws_iam_instance_profile", provider).path("role"));
      assertEquals("aws_iam_role", role.type());
      Ref profile =
          ref(
              stack,
              single(stack, "aws_launch_template", provider)
                  .path("iam_instance_profile")
                  .path("arn"));
      assertEquals("aws_iam_instance_profile", profile.type());

      JsonNode trust = ref(stack, role.block().path("assume_role_policy")).block();
      List<JsonNode> trustStatements = list(trust.path("statement"));
      assertEquals(1, trustStatements.size());
      assertEquals(
          List.of("sts:AssumeRole"),
          list(trustStatements.get(0).path("actions")).stream().map(JsonNode::asText).toList());
      assertEquals(
          "[{\"identifiers\":[\"ec2.amazonaws.com\"],\"type\":\"Service\"}]",
          trustStatements.get(0).path("principals").toString());

      List<JsonNode> policies =
          stack.resources("aws_iam_role_policy").values().stream()
              .filter(p -> ref(stack, p.path("role")).name().equals(role.name()))
              .toList();
      assertFalse(policies.isEmpty());
      assertTrue(
          stack.resources("aws_iam_role_policy_attachment").values().stream()
              .noneMatch(a -> ref(stack, a.path("role")).name().equals(role.name())),
          "no managed policies: only what the stack writes");
      Set<String> actions = new HashSet<>();
      for (JsonNode policy : policies) {
        for (JsonNode statement :
            list(ref(stack, policy.path("policy")).block().path("statement"))) {
          assertNotEquals("Deny", statement.path("effect").asText());
          list(statement.path("actions")).forEach(a -> actions.add(a.asText()));
          assertTrue(statement.path("not_actions").isMissingNode());
        }
      }
      for (String action : actions) {
        assertFalse(action.equals("*") || action.endsWith(":*"), "wildcard action " + action);
        assertFalse(action.toLowerCase(Locale.ROOT).contains("ssh"), "ssh action " + action);
        assertFalse(action.startsWith("ec2-instance-connect:"), action);
      }
      assertTrue(actions.contains("ssm:UpdateInstanceInformation"), "Session Manager agent");
      assertTrue(actions.contains("ssmmessages:OpenDataChannel"), "Session Manager sessions");
    }
  }

  @Test
  void loadBalancersDropInvalidHeadersAndFollowTheDeletionProtectionSetting() {
    for (Synthesized stack : List.of(Synthesized.defaults(), custom())) {
      boolean protection = stack.config().service().albDeletionProtection();
      for (String provider : SERVICE_PROVIDERS) {
        assertTrue(
            Testing.toHaveResourceWithProperties(
                stack.json(),
                Lb.TF_RESOURCE_TYPE,
                Map.of(
                    "provider",
                    provider,
                    "load_balancer_type",
                    "application",
                    "internal",
                    false,
                    "drop_invalid_header_fields",
                    true,
                    "enable_deletion_protection",
                    protection)),
            provider + " deletion protection " + protection);
      }
    }
    assertNotEquals(
        Synthesized.defaults().config().service().albDeletionProtection(),
        custom().config().service().albDeletionProtection(),
        "both values are exercised");
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void targetGroupsProbeTheHealthPath(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode group = single(stack, "aws_lb_target_group", provider);
      assertEquals("/health", group.path("health_check").path("path").asText());
      assertTrue(group.path("health_check").path("enabled").asBoolean(true));
      assertEquals(provider, ref(stack, group.path("vpc_id")).provider());
    }
  }

  private static List<JsonNode> listeners(Synthesized stack, String provider) {
    List<JsonNode> result =
        new ArrayList<>(in(stack.resources("aws_lb_listener"), provider).values());
    result.forEach(
        l -> assertEquals("aws_lb", ref(stack, l.path("load_balancer_arn")).type(), "on the ALB"));
    result.sort(java.util.Comparator.comparingInt(l -> l.path("port").asInt()));
    return result;
  }

  @Test
  void withoutACertificateOneHttpListenerForwardsAndSynthWarns() {
    Synthesized stack = Synthesized.defaults();
    for (String provider : SERVICE_PROVIDERS) {
      assertTrue(settings(stack.config(), provider).certificateArn().isEmpty());
      List<JsonNode> listeners = listeners(stack, provider);
      assertEquals(1, listeners.size(), provider + " listeners");
      JsonNode listener = listeners.get(0);
      assertEquals(80, listener.path("port").asInt());
      assertEquals("HTTP", listener.path("protocol").asText());
      assertTrue(listener.path("certificate_arn").isMissingNode());
      JsonNode action = listener.path("default_action").get(0);
      assertEquals("forward", action.path("type").asText());
      Ref target = ref(stack, action.path("target_group_arn"));
      assertEquals("aws_lb_target_group", target.type());
      assertEquals(provider, target.provider());

      String region = regionOf(stack, provider);
      assertTrue(
          stack.warnings().stream().anyMatch(w -> w.contains(region) && w.contains("HTTP")),
          "a synth-time warning for " + region + ": " + stack.warnings());
    }
    assertTrue(
        Testing.toHaveResourceWithProperties(
            stack.json(),
            LbListener.TF_RESOURCE_TYPE,
            Map.of(
                "port",
                80,
                "protocol",
                "HTTP",
                "default_action",
                List.of(Map.of("type", "forward")))));
  }

  @Test
  void withACertificateHttpsUsesAModernPolicyAndHttpRedirects() {
    Synthesized stack = custom();
    assertEquals(List.of(), stack.warnings(), "no plain-HTTP warning when both serve HTTPS");
    for (String provider : SERVICE_PROVIDERS) {
      String certificate = settings(stack.config(), provider).certificateArn().orElseThrow();
      assertTrue(
          Testing.toHaveResourceWithProperties(
              stack.json(),
              LbListener.TF_RESOURCE_TYPE,
              Map.of(
                  "provider",
                  provider,
                  "port",
                  443,
                  "protocol",
                  "HTTPS",
                  "ssl_policy",
                  "ELBSecurityPolicy-TLS13-1-2-2021-06",
                  "certificate_arn",
                  certificate)),
          provider + " HTTPS listener with " + certificate);
      List<JsonNode> listeners = listeners(stack, provider);
      assertEquals(2, listeners.size(), provider + " listeners");

      JsonNode http = listeners.get(0);
      assertEquals(80, http.path("port").asInt());
      assertEquals("HTTP", http.path("protocol").asText());
      assertEquals(1, http.path("default_action").size());
      JsonNode redirect = http.path("default_action").get(0);
      assertEquals("redirect", redirect.path("type").asText());
      assertEquals("HTTPS", redirect.path("redirect").path("protocol").asText());
      assertEquals("443", redirect.path("redirect").path("port").asText());
      assertEquals("HTTP_301", redirect.path("redirect").path("status_code").asText());

      JsonNode https = listeners.get(1);
      JsonNode forward = https.path("default_action").get(0);
      assertEquals("forward", forward.path("type").asText());
      assertEquals(provider, ref(stack, forward.path("target_group_arn")).provider());
    }
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void autoScalingGroupsFollowTheirRegionsCapacityBehindTheLoadBalancer(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      var capacity = settings(stack.config(), provider).capacity();
      JsonNode group = single(stack, "aws_autoscaling_group", provider);
      assertEquals(capacity.min(), group.path("min_size").asInt(), provider + " min");
      assertEquals(capacity.desired(), group.path("desired_capacity").asInt(), provider);
      assertEquals(capacity.max(), group.path("max_size").asInt(), provider + " max");
      assertEquals("ELB", group.path("health_check_type").asText());
      List<JsonNode> targets = list(group.path("target_group_arns"));
      assertEquals(1, targets.size());
      Ref target = ref(stack, targets.get(0));
      assertEquals("aws_lb_target_group", target.type());
      assertEquals(provider, target.provider());
      Ref template = ref(stack, group.path("launch_template").path("id"));
      assertEquals("aws_launch_template", template.type());
      assertEquals(provider, template.provider());
    }
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void desiredCapacityIsSetAtCreationOnlyThenLeftToScaling(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode group = single(stack, "aws_autoscaling_group", provider);
      assertEquals(
          settings(stack.config(), provider).capacity().desired(),
          group.path("desired_capacity").asInt(-1),
          provider + " starts at the configured capacity");
      // An apply must not shrink a secondary that took over, nor undo scaling.
      assertTrue(
          TfJson.ignoreChanges(group).contains("desired_capacity"),
          provider + " ignores later changes: " + group.path("lifecycle"));
    }
  }

  @Test
  void theSecondaryIsAWarmStandbyByDefault() {
    DrConfig config = Synthesized.defaults().config();
    JsonNode primary = single(Synthesized.defaults(), "aws_autoscaling_group", "aws.primary");
    JsonNode secondary = single(Synthesized.defaults(), "aws_autoscaling_group", "aws.secondary");
    assertTrue(
        secondary.path("desired_capacity").asInt() < primary.path("desired_capacity").asInt(),
        "smaller secondary");
    assertTrue(secondary.path("desired_capacity").asInt() >= 1, "but warm: it serves at once");
    assertEquals(
        config.secondary().capacity().desired(), secondary.path("desired_capacity").asInt());
    // Configured otherwise, it follows the configuration (custom: 0..2..3 against 3..4..6).
    JsonNode custom = single(custom(), "aws_autoscaling_group", "aws.secondary");
    assertEquals(0, custom.path("min_size").asInt());
    assertEquals(2, custom.path("desired_capacity").asInt());
    assertEquals(3, custom.path("max_size").asInt());
  }

  @Test
  void eachRegionScalesItsOwnGroupOnCpu() {
    Synthesized stack = Synthesized.defaults();
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode policy = single(stack, "aws_autoscaling_policy", provider);
      String groupName = single(stack, "aws_autoscaling_group", provider).path("name").asText();
      assertEquals("TargetTrackingScaling", policy.path("policy_type").asText());
      JsonNode tracking = policy.path("target_tracking_configuration");
      assertEquals(
          "ASGAverageCPUUtilization",
          tracking.path("predefined_metric_specification").path("predefined_metric_type").asText());
      assertEquals(50, tracking.path("target_value").asInt());
      var group = ref(stack, policy.path("autoscaling_group_name"));
      assertEquals("aws_autoscaling_group", group.type());
      assertEquals(provider, group.provider(), "scales the group of its own region: " + groupName);
    }
  }

  @ParameterizedTest
  @MethodSource("allConfigs")
  void loadBalancerAddressIsPublishedToSsmInItsOwnRegion(Synthesized stack) {
    String suffix = stack.config().environmentSuffix();
    Map<String, String> attributes = Map.of("alb-dns", "dns_name", "alb-zone-id", "zone_id");
    for (String provider : SERVICE_PROVIDERS) {
      String region = regionOf(stack, provider);
      for (var kind : attributes.entrySet()) {
        String name = "/dr/" + suffix + "/" + kind.getKey() + "/" + region;
        assertTrue(
            Testing.toHaveResourceWithProperties(
                stack.json(),
                SsmParameter.TF_RESOURCE_TYPE,
                Map.of("provider", provider, "name", name, "type", "String")),
            name + " with " + provider);
        List<JsonNode> parameters =
            stack.resources("aws_ssm_parameter").values().stream()
                .filter(p -> name.equals(p.path("name").asText()))
                .toList();
        assertEquals(1, parameters.size(), name);
        assertFalse(parameters.get(0).has("value"), "plain, readable in plans: " + name);
        Ref value = ref(stack, parameters.get(0).path("insecure_value"));
        assertEquals("aws_lb", value.type());
        assertEquals(kind.getValue(), value.attribute());
        assertEquals(provider, value.provider(), "the load balancer of the parameter's region");
      }
    }
  }
}
