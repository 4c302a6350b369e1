package io.drstack;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drstack.support.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EmulatorModeTest {
  private static final String ENDPOINT = "http://127.0.0.1:4566";

  /** What the emulator mode adds to a provider besides {@code endpoints}. */
  private static final Map<String, String> EMULATOR_SETTINGS =
      Map.of(
          "access_key", Emulator.DUMMY_CREDENTIAL,
          "secret_key", Emulator.DUMMY_CREDENTIAL,
          "skip_credentials_validation", "true",
          "skip_requesting_account_id", "true",
          "skip_metadata_api_check", "true");

  /**
   * The provider endpoint each resource and data source type calls; empty for types computed
   * without any call. A type missing here fails the coverage test: add it, and its service's
   * endpoint to {@link Emulator}.
   */
  private static final Map<String, Optional<String>> SERVICE_OF_TYPE =
      Map.ofEntries(
          entry("aws_autoscaling_group", Optional.of("autoscaling")),
          entry("aws_autoscaling_policy", Optional.of("autoscaling")),
          entry("aws_caller_identity", Optional.of("sts")),
          entry("aws_cloudwatch_log_group", Optional.of("logs")),
          entry("aws_cloudwatch_metric_alarm", Optional.of("cloudwatch")),
          entry("aws_default_security_group", Optional.of("ec2")),
          entry("aws_dynamodb_contributor_insights", Optional.of("dynamodb")),
          entry("aws_dynamodb_table", Optional.of("dynamodb")),
          entry("aws_dynamodb_tables", Optional.of("dynamodb")),
          entry("aws_fis_experiment_template", Optional.of("fis")),
          entry("aws_flow_log", Optional.of("ec2")),
          entry("aws_globalaccelerator_accelerator", Optional.of("globalaccelerator")),
          entry("aws_globalaccelerator_endpoint_group", Optional.of("globalaccelerator")),
          entry("aws_globalaccelerator_listener", Optional.of("globalaccelerator")),
          entry("aws_iam_instance_profile", Optional.of("iam")),
          entry("aws_iam_policy_document", Optional.empty()),
          entry("aws_iam_role", Optional.of("iam")),
          entry("aws_iam_role_policy", Optional.of("iam")),
          entry("aws_internet_gateway", Optional.of("ec2")),
          entry("aws_kms_alias", Optional.of("kms")),
          entry("aws_kms_key", Optional.of("kms")),
          entry("aws_launch_template", Optional.of("ec2")),
          entry("aws_lb", Optional.of("elbv2")),
          entry("aws_lb_listener", Optional.of("elbv2")),
          entry("aws_lb_target_group", Optional.of("elbv2")),
          entry("aws_partition", Optional.empty()),
          entry("aws_route", Optional.of("ec2")),
          entry("aws_route53_health_check", Optional.of("route53")),
          entry("aws_route53_record", Optional.of("route53")),
          entry("aws_route53_zone", Optional.of("route53")),
          entry("aws_route_table", Optional.of("ec2")),
          entry("aws_route_table_association", Optional.of("ec2")),
          entry("aws_security_group", Optional.of("ec2")),
          entry("aws_sns_topic", Optional.of("sns")),
          entry("aws_sns_topic_policy", Optional.of("sns")),
          entry("aws_sns_topic_subscription", Optional.of("sns")),
          entry("aws_ssm_parameter", Optional.of("ssm")),
          entry("aws_subnet", Optional.of("ec2")),
          entry("aws_vpc", Optional.of("ec2")),
          entry("aws_vpc_endpoint", Optional.of("ec2")),
          entry("aws_vpc_security_group_egress_rule", Optional.of("ec2")),
          entry("aws_vpc_security_group_ingress_rule", Optional.of("ec2")));

  private static Synthesized emulated(Map<String, String> env) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put("DR_EMULATOR_ENDPOINT", ENDPOINT);
    return Synthesized.with(all);
  }

  private static List<JsonNode> providers(Synthesized stack) {
    List<JsonNode> providers = new ArrayList<>();
    stack.tree().path("provider").path("aws").forEach(providers::add);
    return providers;
  }

  @Test
  void productionProvidersHaveNoEndpointsCredentialsOrSkips() {
    List<JsonNode> providers = providers(Synthesized.defaults());
    assertEquals(2, providers.size());
    for (JsonNode provider : providers) {
      assertTrue(provider.path("endpoints").isMissingNode(), provider.toString());
      assertTrue(provider.path("s3_use_path_style").isMissingNode(), provider.toString());
      for (String setting : EMULATOR_SETTINGS.keySet()) {
        assertTrue(provider.path(setting).isMissingNode(), setting + " in " + provider);
      }
    }
  }

  private static final Map<String, String> S3_STATE =
      Map.of("DR_STATE_BACKEND", "s3", "DR_STATE_BUCKET", "dr-state-emu");

  /** What the emulator mode adds to an S3 backend: every one is absent from a user's. */
  private static final Set<String> EMULATOR_BACKEND_SETTINGS =
      Set.of(
          "endpoints",
          "use_path_style",
          "access_key",
          "secret_key",
          "skip_credentials_validation",
          "skip_requesting_account_id",
          "skip_metadata_api_check");

  @Test
  void s3StateTalksOnlyToTheEmulatorWithDummyCredentials() {
    JsonNode emulated = emulated(S3_STATE).tree().path("terraform").path("backend").path("s3");
    assertEquals(ENDPOINT, emulated.path("endpoints").path("s3").asText(), emulated::toString);
    assertEquals(1, emulated.path("endpoints").size(), "only S3's endpoint: " + emulated);
    assertTrue(emulated.path("use_path_style").asBoolean(), emulated::toString);
    assertEquals(Emulator.DUMMY_CREDENTIAL, emulated.path("access_key").asText());
    assertEquals(Emulator.DUMMY_CREDENTIAL, emulated.path("secret_key").asText());
    for (String skip :
        List.of(
            "skip_credentials_validation",
            "skip_requesting_account_id",
            "skip_metadata_api_check")) {
      assertTrue(emulated.path(skip).asBoolean(), skip + " in " + emulated);
    }
    // Bucket, key, region, encryption and the lock file are the user's.
    JsonNode production = Synthesized.with(S3_STATE).tree().path("terraform").path("backend");
    var users = production.path("s3").deepCopy();
    var withoutEmulator = emulated.deepCopy();
    EMULATOR_BACKEND_SETTINGS.forEach(
        setting -> {
          assertTrue(users.path(setting).isMissingNode(), setting + " in a user's backend");
          ((ObjectNode) withoutEmulator).remove(setting);
        });
    assertEquals(users, withoutEmulator);
    assertEquals(1, production.size(), production::toString);
  }

  /**
   * The defaults, a configuration with a third provider (neither region is us-east-1), and both
   * regions serving behind Global Accelerator, whose API moto lacks: it must still never reach AWS.
   */
  static Stream<Arguments> emulatedConfigurations() {
    return Stream.of(
        argumentSet("defaults", Map.of()),
        argumentSet(
            "neither region us-east-1",
            Map.of("DR_PRIMARY_REGION", "eu-west-1", "DR_SECONDARY_REGION", "eu-west-2")),
        argumentSet(
            "activeActive behind the accelerator",
            Map.of(
                "DR_STRATEGY",
                "activeActive",
                "DR_FRONT_DOOR",
                "accelerator",
                "DR_SECONDARY_DESIRED_CAPACITY",
                "2")));
  }

  @ParameterizedTest
  @MethodSource("emulatedConfigurations")
  void everyProviderTalksOnlyToTheEmulatorWithDummyCredentials(Map<String, String> env) {
    Synthesized stack = emulated(env);
    List<JsonNode> providers = providers(stack);
    assertFalse(providers.isEmpty());
    Set<String> services = servicesCalled(stack);
    for (JsonNode provider : providers) {
      String alias = provider.path("alias").asText();
      EMULATOR_SETTINGS.forEach(
          (setting, value) ->
              assertEquals(value, provider.path(setting).asText(), alias + " " + setting));
      JsonNode endpoints = provider.path("endpoints");
      assertEquals(1, endpoints.size(), alias + ": one endpoints block");
      for (String service : services) {
        assertEquals(
            ENDPOINT, endpoints.get(0).path(service).asText(), alias + " endpoint " + service);
      }
      endpoints
          .get(0)
          .fields()
          .forEachRemaining(
              e -> assertEquals(ENDPOINT, e.getValue().asText(), alias + " " + e.getKey()));
    }
  }

  @Test
  void emulatorModeChangesOnlyTheProviders() {
    JsonNode production = Synthesized.defaults().tree();
    JsonNode emulated = emulated(Map.of()).tree();
    for (String block : List.of("resource", "data", "output", "terraform")) {
      assertEquals(production.path(block), emulated.path(block), block);
    }
  }

  /** Every service whose API the stack's resources and data sources call. */
  private static Set<String> servicesCalled(Synthesized stack) {
    Set<String> services = new TreeSet<>();
    List<String> unknown = new ArrayList<>();
    for (String kind : List.of("resource", "data")) {
      stack
          .tree()
          .path(kind)
          .fieldNames()
          .forEachRemaining(
              type -> {
                Optional<String> service = SERVICE_OF_TYPE.get(type);
                if (service == null) {
                  unknown.add(type);
                } else {
                  service.ifPresent(services::add);
                }
              });
    }
    assertTrue(
        unknown.isEmpty(),
        "types with no known service (add them here and their endpoint to Emulator): " + unknown);
    return services;
  }
}
