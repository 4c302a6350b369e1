package io.drstack.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import io.drstack.config.Names;
import io.drstack.support.AddressedStack;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.constructs.Construct;

/**
 * {@link Role}: a new role's blocks below its own id and its policy named as the role; a kept role
 * with the addresses and policy name it is given.
 */
class RoleTest {

  private static Role.Props props(Region region, String name) {
    return new Role.Props(
        region,
        name,
        "what " + name + " is for",
        Role.service(region, "example.amazonaws.com"),
        List.of(Policy.allow("Read", List.of("s3:GetObject"), List.of("*"))));
  }

  @Test
  void newRolesAreNestedAndKeptRolesKeepTheirAddressesAndPolicyNames() throws Exception {
    AddressedStack stack = new AddressedStack("roles");
    AwsProvider provider =
        new AwsProvider(stack, "aws", AwsProviderConfig.builder().region("us-east-1").build());
    Region region = new Region(stack, "region", "us-east-1", provider, new Names("dev"));
    new Role(stack, "drill", props(region, "new-role"));
    new Role(
        new Construct(stack, "flow-logs"),
        "delivery-role",
        props(region, "kept-transparent").keptAs(Addresses.Mode.TRANSPARENT, "transparent-policy"));
    new Role(
        new Construct(stack, "service"),
        "instance",
        props(region, "kept-prefixed").keptAs(Addresses.Mode.PREFIX, "prefixed-policy"));

    JsonNode tree = new ObjectMapper().readTree(Testing.synth(stack));
    assertEquals(
        addresses("drill/role", "flow-logs/role", "service/instance-role"),
        names(tree.path("resource").path("aws_iam_role")));
    assertEquals(
        addresses("drill/policy", "flow-logs/policy", "service/instance-policy"),
        names(tree.path("resource").path("aws_iam_role_policy")));
    assertEquals(
        addresses(
            "drill/trust",
            "drill/permissions",
            "flow-logs/trust",
            "flow-logs/permissions",
            "service/instance-trust",
            "service/instance-permissions"),
        names(tree.path("data").path("aws_iam_policy_document")));

    JsonNode policies = tree.path("resource").path("aws_iam_role_policy");
    assertEquals(
        "new-role",
        policies.path(Addresses.uniqueId(List.of("drill", "policy"))).path("name").asText());
    assertEquals(
        "transparent-policy",
        policies.path(Addresses.uniqueId(List.of("flow-logs", "policy"))).path("name").asText());
    assertEquals(
        "prefixed-policy",
        policies
            .path(Addresses.uniqueId(List.of("service", "instance-policy")))
            .path("name")
            .asText());
  }

  private static Set<String> addresses(String... paths) {
    Set<String> addresses = new TreeSet<>();
    for (String path : paths) {
      addresses.add(Addresses.uniqueId(List.of(path.split("/"))));
    }
    return addresses;
  }

  private static Set<String> names(JsonNode blocks) {
    Set<String> names = new TreeSet<>();
    blocks.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
