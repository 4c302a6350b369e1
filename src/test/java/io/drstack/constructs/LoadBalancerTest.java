package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
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
import com.hashicorp.cdktf.providers.aws.lb.Lb;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListener;
import com.hashicorp.cdktf.providers.aws.ssm_parameter.SsmParameter;
import io.drstack.config.TargetHealth;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link LoadBalancer}: the internet-facing ALB, its target group, its listeners (HTTP only, or
 * HTTPS with HTTP redirected when a certificate is configured) and the SSM hand-off of its address.
 */
class LoadBalancerTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void loadBalancersDropInvalidHeadersAndFollowTheDeletionProtectionSetting(Synthesized stack) {
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
    assertNotEquals(
        Synthesized.defaults().config().service().albDeletionProtection(),
        Stacks.custom().config().service().albDeletionProtection(),
        "both values are exercised");
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void targetGroupsProbeTheHealthPath(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode group = single(stack, "aws_lb_target_group", provider);
      assertEquals(
          TargetHealth.of(stack.config().traffic().frontDoor()).path(),
          group.path("health_check").path("path").asText());
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
    Synthesized stack = Stacks.custom();
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
  @ArgumentsSource(AllStacks.class)
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
