package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
import static io.drstack.support.StackJson.list;
import static io.drstack.support.StackJson.otherServiceProvider;
import static io.drstack.support.StackJson.ref;
import static io.drstack.support.StackJson.regionOf;
import static io.drstack.support.StackJson.settings;
import static io.drstack.support.StackJson.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameter;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplate;
import io.drstack.config.DrConfig;
import io.drstack.config.TargetHealth;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link Fleet}: the launch template (IMDSv2, encrypted volumes, the AMI pinned or read once, user
 * data), the Auto Scaling group and its scaling policy, and the {@link InstanceRole}.
 */
class FleetTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
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
  @ArgumentsSource(AllStacks.class)
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
  @ArgumentsSource(AllStacks.class)
  void unpinnedImageIsTheNewestAmazonLinux2023ReadOnceAtCreation(Synthesized stack) {
    assertEquals(AMI_PARAMETER, Fleet.AMI_PARAMETER);
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
  @ArgumentsSource(AllStacks.class)
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
      String other = regionOf(stack, otherServiceProvider(provider));
      assertTrue(script.startsWith("#!"), "a script");
      String page = script.substring(script.indexOf("<<'PAGE'"), script.indexOf("\nPAGE\n"));
      assertTrue(page.contains(region), provider + " page names " + region);
      assertFalse(page.contains(other), provider + " page does not name " + other);
      // The other region appears once: the canary's peer, in the application's environment.
      assertEquals(1, script.split(java.util.regex.Pattern.quote(other), -1).length - 1, provider);
      assertTrue(script.contains("\nDR_PEER_REGION=" + other + "\n"), provider);
      assertTrue(
          script.contains("\necho ok > /srv/dr-app" + UserData.HEALTH_PATH + "\n"),
          "answers " + UserData.HEALTH_PATH);
      assertTrue(script.contains(String.valueOf(port)), "listens on the app port");
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
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

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void autoScalingGroupsFollowTheirRegionsCapacityBehindTheLoadBalancer(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      var capacity = settings(stack.config(), provider).capacity();
      JsonNode group = single(stack, "aws_autoscaling_group", provider);
      assertEquals(capacity.min(), group.path("min_size").asInt(), provider + " min");
      assertEquals(capacity.desired(), group.path("desired_capacity").asInt(), provider);
      assertEquals(capacity.max(), group.path("max_size").asInt(), provider + " max");
      // Behind the accelerator the target health is the region's readiness (TargetHealthTest).
      assertEquals(
          TargetHealth.of(stack.config().traffic().frontDoor()).autoScalingHealthCheckType(),
          group.path("health_check_type").asText());
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
  @ArgumentsSource(AllStacks.class)
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
    JsonNode custom = single(Stacks.custom(), "aws_autoscaling_group", "aws.secondary");
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
}
