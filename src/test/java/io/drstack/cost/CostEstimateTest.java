package io.drstack.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CostEstimateTest {

  private static double quantity(CostEstimate estimate, Price price, String region) {
    return estimate.lines().stream()
        .filter(line -> line.price() == price && line.region().equals(region))
        .mapToDouble(CostEstimate.Line::quantity)
        .sum();
  }

  @Test
  void theDefaultStackIsPricedResourceByResource() {
    CostEstimate estimate = CostEstimate.of(Stacks.defaults().tree());
    for (String region : List.of("us-east-1", "us-east-2")) {
      // ssm, ssmmessages, ec2messages, logs and the canary's monitoring, in two AZs each
      assertEquals(10, quantity(estimate, Price.INTERFACE_ENDPOINT_HOUR, region), region);
      assertEquals(1, quantity(estimate, Price.LOAD_BALANCER_HOUR, region), region);
      assertEquals(2, quantity(estimate, Price.PUBLIC_IPV4_HOUR, region), region);
      assertEquals(1, quantity(estimate, Price.KMS_KEY_MONTH, region), region);
    }
    // desired capacity: 2 in the primary, 1 in the secondary, 20 GB each
    assertEquals(2, quantity(estimate, Price.INSTANCE_HOUR, "us-east-1"));
    assertEquals(1, quantity(estimate, Price.INSTANCE_HOUR, "us-east-2"));
    assertEquals(
        60,
        quantity(estimate, Price.GP3_GB_MONTH, "us-east-1")
            + quantity(estimate, Price.GP3_GB_MONTH, "us-east-2"));
    assertEquals(1, quantity(estimate, Price.HOSTED_ZONE_MONTH, "global"));
    // an endpoint check and a calculated check per record, the failover switch's check and a
    // data-tier check per region
    assertEquals(7, quantity(estimate, Price.HEALTH_CHECK_MONTH, "global"));
    // each endpoint check: 10 s interval and latency measurement
    assertEquals(4, quantity(estimate, Price.HEALTH_CHECK_OPTION_MONTH, "global"));
    assertEquals(0, estimate.featureUsd(CostEstimate.REGION_SWITCH_PLAN));
    assertTrue(estimate.featureUsd(CostEstimate.CANARY) > 0);
    assertEquals(Set.of(), estimate.unpriced());
  }

  @Test
  void theTotalIsTheSumOfItsLines() {
    CostEstimate estimate = CostEstimate.of(Stacks.defaults().tree());
    double hours = Price.HOURS_PER_MONTH;
    double fixedPart =
        20 * 0.01 * hours // interface endpoints
            + 2 * 0.0225 * hours // load balancers
            + 4 * 0.005 * hours // their public addresses
            + 3 * 0.0104 * hours // t3.micro
            + 60 * 0.08 // gp3
            + 2 * 1.00 // keys
            + 0.50 // zone
            + 2 * (0.50 + 2 * 1.00) // endpoint checks and their options
            + 5 * 0.50; // calculated, switch and data-tier checks
    double alarms =
        estimate.lines().stream()
            .filter(
                l ->
                    l.price() == Price.ALARM_METRIC_MONTH || l.price() == Price.CUSTOM_METRIC_MONTH)
            .mapToDouble(CostEstimate.Line::monthlyUsd)
            .sum();
    assertEquals(fixedPart + alarms, estimate.totalUsd(), 0.005);
  }

  @Test
  void thePlanIsNamedWhenOnAndWhenOff() {
    CostEstimate withPlan = CostEstimate.of(Stacks.custom().tree());
    assertEquals(1, quantity(withPlan, Price.REGION_SWITCH_PLAN_MONTH, "global"));
    assertTrue(withPlan.featureUsd(CostEstimate.REGION_SWITCH_PLAN) >= 70);
    assertTrue(withPlan.summary().contains("regionSwitchPlan adds US$"), withPlan.summary());
    String without = CostEstimate.of(Stacks.defaults().tree()).summary();
    assertTrue(without.contains("regionSwitchPlan would add US$70.00"), without);
    assertTrue(without.startsWith("Cost estimate: US$"), without);
    assertTrue(without.contains("canary adds US$"), without);
    assertEquals(1, without.lines().count());
  }

  @Test
  void anInstanceTypeTheTableLacksIsNamedAndLeftOut() {
    JsonNode stack = Stacks.defaults().tree().deepCopy();
    stack
        .path("resource")
        .path("aws_launch_template")
        .forEach(t -> ((ObjectNode) t).put("instance_type", "x9.enormous"));
    CostEstimate estimate = CostEstimate.of(stack);
    assertEquals(Set.of("instance type x9.enormous"), estimate.unpriced());
    assertEquals(0, quantity(estimate, Price.INSTANCE_HOUR, "us-east-1"));
    assertTrue(estimate.summary().contains("not priced: instance type x9.enormous"));
  }

  /**
   * The accelerator is billed by the hour whether enabled or not: 0.025 × 730 = US$18.25 a month,
   * named as its own feature and in the summary; its listener and endpoint groups cost nothing.
   */
  @Test
  void theAcceleratorIsPricedByTheHourWhenTheFrontDoorHasOne() {
    JsonNode stack = Stacks.defaults().tree().deepCopy();
    ObjectNode resources = (ObjectNode) stack.path("resource");
    resources
        .putObject("aws_globalaccelerator_accelerator")
        .putObject("accelerator")
        .put("provider", "aws.primary")
        .put("enabled", true);
    resources
        .putObject("aws_globalaccelerator_endpoint_group")
        .putObject("accelerator_primary")
        .put("provider", "aws.primary");
    CostEstimate estimate = CostEstimate.of(stack);
    assertEquals(1, quantity(estimate, Price.ACCELERATOR_HOUR, "global"));
    assertEquals(18.25, estimate.featureUsd(CostEstimate.ACCELERATOR), 0.001);
    assertEquals(
        CostEstimate.of(Stacks.defaults().tree()).totalUsd() + 18.25, estimate.totalUsd(), 0.001);
    assertTrue(
        estimate.summary().contains("the accelerator adds US$18.25 and DT-Premium per GB"),
        estimate.summary());
    assertEquals(Set.of(), estimate.unpriced());
    String without = CostEstimate.of(Stacks.defaults().tree()).summary();
    assertTrue(!without.contains("accelerator"), without);
  }

  /**
   * With both regions serving, the secondary runs the instances its settings say: the estimate
   * prices each group at its configured desired capacity, not at a standby's.
   */
  @Test
  void withBothRegionsServingEachGroupIsPricedAtItsConfiguredCapacity() {
    Map<String, String> env = new HashMap<>();
    env.put("DR_STRATEGY", "activeActive");
    env.put("DR_PRIMARY_DESIRED_CAPACITY", "3");
    env.put("DR_PRIMARY_MAX_CAPACITY", "6");
    env.put("DR_SECONDARY_MIN_CAPACITY", "3");
    env.put("DR_SECONDARY_DESIRED_CAPACITY", "3");
    env.put("DR_SECONDARY_MAX_CAPACITY", "6");
    CostEstimate estimate = CostEstimate.of(Synthesized.with(env).tree());
    assertEquals(3, quantity(estimate, Price.INSTANCE_HOUR, "us-east-1"));
    assertEquals(3, quantity(estimate, Price.INSTANCE_HOUR, "us-east-2"));
  }
}
