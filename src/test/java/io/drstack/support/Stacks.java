package io.drstack.support;

import io.drstack.constructs.HealthCheckAlarms;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The only configurations the suite synthesizes: the defaults, and one alternative that moves every
 * setting the constructs read away from its default. Synthesis is slow; add a configuration here
 * only when a behaviour cannot be shown with these two.
 */
public final class Stacks {
  private Stacks() {}

  /** The AMI the alternative configuration pins in its secondary region. */
  public static final String PINNED_AMI = "ami-0123456789abcdef0";

  /**
   * Other suffix, other regions (neither is us-east-1, so a third provider appears), table deletion
   * protection off, TTL off, {@code prevent_destroy} off, the primary's zones given by zone ID, an
   * AMI pinned in the secondary region only, and a zone name that is not a placeholder. Tests
   * needing non-default regions should use this map as it is, so that they share one synthesis.
   */
  public static final Map<String, String> ALTERNATIVE_ENV =
      Map.ofEntries(
          Map.entry("ENVIRONMENT_SUFFIX", "qa"),
          Map.entry("DR_PRIMARY_REGION", "eu-west-1"),
          Map.entry("DR_SECONDARY_REGION", "eu-central-1"),
          Map.entry("DR_TABLE_DELETION_PROTECTION", "false"),
          Map.entry("DR_TABLE_TTL_ATTRIBUTE", ""),
          Map.entry("DR_PREVENT_DESTROY", "false"),
          Map.entry("DR_PRIMARY_ZONES", "euw1-az3,euw1-az1"),
          Map.entry("DR_SECONDARY_AMI_ID", PINNED_AMI),
          Map.entry("DR_ZONE_NAME", "dr-qa.acme-corp.com"));

  public static Synthesized defaults() {
    return Synthesized.defaults();
  }

  public static Synthesized alternative() {
    return Synthesized.with(ALTERNATIVE_ENV);
  }

  /**
   * Provider address to region, as the configuration should produce them: one per region, plus a
   * {@code route53-metrics} provider in us-east-1 when neither region is us-east-1 (Route 53 health
   * check metrics exist only there).
   */
  public static Map<String, String> expectedProviderRegions(Synthesized stack) {
    Map<String, String> regions = new LinkedHashMap<>();
    regions.put("aws.primary", stack.config().primary().region());
    regions.put("aws.secondary", stack.config().secondary().region());
    if (!regions.containsValue(HealthCheckAlarms.METRICS_REGION)) {
      regions.put("aws.route53-metrics", HealthCheckAlarms.METRICS_REGION);
    }
    return regions;
  }

  /** By name, for parameterized tests: {@code "defaults"} or {@code "alternative"}. */
  public static Synthesized named(String name) {
    return switch (name) {
      case "defaults" -> defaults();
      case "alternative" -> alternative();
      default -> throw new IllegalArgumentException("no stack configuration named " + name);
    };
  }
}
