package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.rawUserData;
import static io.drstack.support.StackJson.single;
import static io.drstack.support.StackJson.userDataScript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.TargetHealth;
import io.drstack.support.AllStacks;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * What the load balancers check on the instances: with the DNS front door whether they serve (a
 * static {@code /health}, Auto Scaling replacing what fails it); with Global Accelerator, which
 * follows target health, whether their region is ready ({@code /ready}, kept by the canary, every 5
 * s, and Auto Scaling on EC2's status only).
 */
class TargetHealthTest {

  private static final Synthesized ACCELERATOR =
      Synthesized.with(Map.of("DR_FRONT_DOOR", "accelerator"));

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void withDnsTheLoadBalancersCheckTheStaticHealthAndAutoScalingFollowsThem(Synthesized stack) {
    if (stack.config().traffic().accelerator()) {
      return; // the next test's
    }
    assertEquals(TargetHealth.SERVING, TargetHealth.of(stack.config().traffic().frontDoor()));
    for (String provider : SERVICE_PROVIDERS) {
      assertHealthCheck(stack, provider, "/health", 15, 5);
      assertEquals(
          "ELB",
          single(stack, "aws_autoscaling_group", provider).path("health_check_type").asText());
      String script = userDataScript(stack, provider);
      assertFalse(script.contains("dr-ready"), provider + ": no readiness");
      assertFalse(script.contains("DR_CANARY_READY_FILE"), provider);
      assertTrue(script.startsWith("#!"), provider + ": not compressed while it fits");
    }
  }

  @Test
  void withTheAcceleratorTheLoadBalancersCheckReadinessEveryFiveSeconds() {
    for (Synthesized stack : new Synthesized[] {ACCELERATOR, Stacks.accelerated()}) {
      for (String provider : SERVICE_PROVIDERS) {
        assertHealthCheck(stack, provider, "/ready", 5, 2);
        // An ELB type would replace every instance of a region taken out on purpose.
        assertEquals(
            "EC2",
            single(stack, "aws_autoscaling_group", provider).path("health_check_type").asText());
      }
    }
    assertEquals(14, TargetHealth.READY.unhealthySeconds(), "2 × (5 s + 2 s)");
    assertEquals(22, TargetHealth.readinessLossSeconds(20));
  }

  @Test
  void withTheAcceleratorTheCanaryKeepsTheReadyFileThatTheWebServerServes() throws Exception {
    String canary = Files.readString(Path.of("src/main/resources" + UserData.CANARY_RESOURCE));
    String ready = Files.readString(Path.of("src/main/resources" + UserData.READY_RESOURCE));
    for (String provider : SERVICE_PROVIDERS) {
      byte[] raw = rawUserData(ACCELERATOR, provider);
      assertTrue(
          raw.length <= UserData.USER_DATA_LIMIT_BYTES, provider + ": " + raw.length + " bytes");
      String script = userDataScript(ACCELERATOR, provider);
      assertTrue(script.contains("\nDR_CANARY_READY_FILE=" + UserData.READY_FILE + "\n"), provider);
      assertTrue(script.contains("<<'CANARY'\n" + canary + "CANARY\n"), "the canary as is");
      assertTrue(script.contains("<<'READY'\n" + ready + "READY\n"), "the readiness code as is");
      assertTrue(script.contains("\nln -sfn " + UserData.READY_FILE + " /srv/dr-app/ready\n"));
      assertTrue(
          script.contains(
              "\nExecStart=/usr/bin/python3 /usr/local/bin/dr-ready /usr/local/bin/dr-canary\n"),
          "readiness runs the canary's cycles");
      // Route 53 still probes a static file: the data tier never fails both regions' records.
      assertTrue(script.contains("\necho ok > /srv/dr-app/health\n"));
    }
  }

  /**
   * The load balancer's settings within the provider's ranges, and the timeout below the interval.
   */
  @Test
  void bothChecksAreWithinTheProvidersRanges() {
    for (TargetHealth health : TargetHealth.values()) {
      assertTrue(health.intervalSeconds() >= 5 && health.intervalSeconds() <= 300, health.name());
      assertTrue(health.timeoutSeconds() >= 2 && health.timeoutSeconds() <= 120, health.name());
      assertTrue(health.timeoutSeconds() < health.intervalSeconds(), health.name());
    }
    for (int threshold :
        new int[] {TargetHealth.HEALTHY_THRESHOLD, TargetHealth.UNHEALTHY_THRESHOLD}) {
      assertTrue(threshold >= 2 && threshold <= 10);
    }
  }

  /** The readiness code reads the item the manual tells the on-call to write, and times out so. */
  @Test
  void theReadinessCodeUsesTheKeyAndTimeoutTheStackStates() throws Exception {
    String ready = Files.readString(Path.of("src/main/resources" + UserData.READY_RESOURCE));
    assertEquals(
        String.valueOf(TargetHealth.READINESS_CALL_TIMEOUT_SECONDS),
        constant(ready, "CALL_TIMEOUT"));
    assertEquals('"' + TargetHealth.OUT_OF_SERVICE_KEY + '"', constant(ready, "OUT_OF_SERVICE"));
    String operations = Files.readString(Path.of("help/operations.md"));
    assertTrue(
        operations.contains(
            "'{\"pk\":{\"S\":\"" + TargetHealth.OUT_OF_SERVICE_KEY + "\"},\"sk\":{\"S\":\""),
        "the manual's item is the one read");
    assertEquals("pk", GlobalTable.PARTITION_KEY);
    assertEquals("sk", GlobalTable.SORT_KEY);
  }

  private static String constant(String code, String name) {
    Matcher matcher = Pattern.compile("(?m)^" + name + " = (.+)$").matcher(code);
    assertTrue(matcher.find(), name);
    return matcher.group(1);
  }

  private static void assertHealthCheck(
      Synthesized stack, String provider, String path, int interval, int timeout) {
    JsonNode check = single(stack, "aws_lb_target_group", provider).path("health_check");
    assertEquals(path, check.path("path").asText(), provider);
    assertEquals(interval, check.path("interval").asInt(), provider);
    assertEquals(timeout, check.path("timeout").asInt(), provider);
    assertEquals(TargetHealth.HEALTHY_THRESHOLD, check.path("healthy_threshold").asInt());
    assertEquals(TargetHealth.UNHEALTHY_THRESHOLD, check.path("unhealthy_threshold").asInt());
    assertEquals("200", check.path("matcher").asText());
  }
}
