package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
import static io.drstack.support.StackJson.privateSubnets;
import static io.drstack.support.StackJson.referencedNames;
import static io.drstack.support.StackJson.regionOf;
import static io.drstack.support.StackJson.routeTables;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import io.drstack.support.AllStacks;
import io.drstack.support.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** {@link PrivateEndpoints}: the private subnets' only ways out, S3 and interface endpoints. */
class PrivateEndpointsTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
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
      assertEquals(privateTables, referencedNames(stack, s3.path("route_table_ids")));
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
                      referencedNames(stack, e.path("subnet_ids")),
                      "interface endpoints sit in the private subnets"));
    }
  }
}
