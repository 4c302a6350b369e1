package io.drstack.support;

import io.drstack.constructs.HealthCheckAlarms;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The only configurations the suite synthesizes: the defaults; an alternative with other regions
 * and the data-tier settings moved; a strong one whose table has multi-Region strong consistency; a
 * custom one with certificates, an existing zone, an e-mail address, state in S3 and the service
 * settings moved; an active one where both regions serve behind Route 53; and an accelerated one
 * where both serve behind Global Accelerator. Synthesis is slow; add a configuration here only when
 * a behaviour cannot be shown with these six.
 */
public final class Stacks {
  private Stacks() {}

  /** The AMI the alternative configuration pins in its secondary region. */
  public static final String PINNED_AMI = "ami-0123456789abcdef0";

  /**
   * Other suffix, other regions (neither is us-east-1, so a third provider appears), table deletion
   * protection off, TTL off, {@code prevent_destroy} off, the primary's zones given by zone ID, an
   * AMI pinned in the secondary region only, a zone name that is not a placeholder, and the
   * canary's interval, namespace and threshold moved. Tests needing non-default regions should use
   * this map as it is, so that they share one synthesis.
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
          Map.entry("DR_ZONE_NAME", "dr-qa.acme-corp.com"),
          Map.entry("DR_CANARY_INTERVAL_SECONDS", "20"),
          Map.entry("DR_CANARY_NAMESPACE", "Acme/DrCanary"),
          Map.entry("DR_CANARY_ALARM_THRESHOLD_SECONDS", "300"),
          Map.entry("DR_ALARM_SUBSCRIBER_WAIVED", "true"));

  /** Every part-2 setting away from its default: certificates, an existing zone, an e-mail... */
  public static final Map<String, String> CUSTOM_ENV =
      Map.ofEntries(
          Map.entry("DR_STATE_BACKEND", "s3"),
          Map.entry("DR_STATE_BUCKET", "acme-terraform-state"),
          Map.entry("DR_STATE_LOCK_TABLE", "terraform-locks"),
          Map.entry(
              "DR_STATE_KMS_KEY_ID",
              "arn:aws:kms:us-west-2:123456789012:key/mrk-0123456789abcdef0123456789abcdef"),
          Map.entry("DR_REGION_SWITCH_PLAN", "true"),
          Map.entry("DR_REGION_SWITCH_APPROVAL", "true"),
          Map.entry("DR_REGION_SWITCH_TRIGGERS", "true"),
          Map.entry("DR_DRILL_DURATION_MINUTES", "15"),
          Map.entry("ENVIRONMENT_SUFFIX", "stage"),
          Map.entry(
              "DR_PRIMARY_CERTIFICATE_ARN",
              "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-4978-8a9b-0c1d2e3f4a5b"),
          Map.entry(
              "DR_SECONDARY_CERTIFICATE_ARN",
              "arn:aws:acm:us-east-2:123456789012:certificate/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
          Map.entry("DR_ALARM_EMAIL", "oncall@example.com"),
          Map.entry("DR_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ"),
          Map.entry("DR_RECORD_NAME", "shop.example.org"),
          Map.entry("DR_ALB_DELETION_PROTECTION", "false"),
          Map.entry("DR_APP_PORT", "9000"),
          Map.entry("DR_PRIMARY_VPC_CIDR", "10.40.0.0/16"),
          Map.entry("DR_SECONDARY_VPC_CIDR", "10.50.0.0/20"),
          Map.entry("DR_PRIMARY_MIN_CAPACITY", "3"),
          Map.entry("DR_PRIMARY_DESIRED_CAPACITY", "4"),
          Map.entry("DR_PRIMARY_MAX_CAPACITY", "6"),
          Map.entry("DR_SECONDARY_MIN_CAPACITY", "0"),
          Map.entry("DR_SECONDARY_DESIRED_CAPACITY", "2"),
          Map.entry("DR_SECONDARY_MAX_CAPACITY", "3"),
          Map.entry("DR_HEALTH_CHECK_INTERVAL_SECONDS", "30"),
          Map.entry("DR_HEALTH_CHECK_FAILURE_THRESHOLD", "5"),
          Map.entry("DR_LOG_RETENTION_DAYS", "30"),
          Map.entry("DR_REPLICATION_LATENCY_THRESHOLD_MS", "1500"),
          // A secondary scaled to zero and slower checks fail over slowly: accept that here.
          Map.entry("DR_TARGET_RTO_SECONDS", "3600"));

  /**
   * The defaults with a strongly consistent table: multi-Region strong consistency, its witness
   * (the default, us-west-2), no TTL (MRSC has none) and a recovery-point target of 0.
   */
  public static final Map<String, String> STRONG_ENV =
      Map.ofEntries(
          Map.entry("ENVIRONMENT_SUFFIX", "mrsc"),
          Map.entry("DR_TABLE_CONSISTENCY", "strong"),
          Map.entry("DR_FAILOVER_DRILL", "false"),
          Map.entry("DR_TABLE_TTL_ATTRIBUTE", ""),
          Map.entry("DR_TARGET_RPO_SECONDS", "0"),
          Map.entry("DR_ZONE_NAME", "dr-mrsc.acme-corp.com"),
          Map.entry("DR_ALARM_SUBSCRIBER_WAIVED", "true"));

  /** Both regions serving, behind Route 53 latency records; each sized for the whole load. */
  public static final Map<String, String> ACTIVE_ENV =
      Map.ofEntries(
          Map.entry("ENVIRONMENT_SUFFIX", "active"),
          Map.entry("DR_STRATEGY", "activeActive"),
          Map.entry("DR_SECONDARY_MIN_CAPACITY", "2"),
          Map.entry("DR_SECONDARY_DESIRED_CAPACITY", "2"),
          Map.entry("DR_ZONE_NAME", "dr-active.acme-corp.com"),
          Map.entry("DR_ALARM_SUBSCRIBER_WAIVED", "true"));

  /** Both regions serving behind Global Accelerator, with HTTPS listeners. */
  public static final Map<String, String> ACCELERATED_ENV =
      Map.ofEntries(
          Map.entry("ENVIRONMENT_SUFFIX", "edge"),
          Map.entry("DR_STRATEGY", "activeActive"),
          Map.entry("DR_FRONT_DOOR", "accelerator"),
          Map.entry("DR_SECONDARY_MIN_CAPACITY", "2"),
          Map.entry("DR_SECONDARY_DESIRED_CAPACITY", "2"),
          Map.entry(
              "DR_PRIMARY_CERTIFICATE_ARN",
              "arn:aws:acm:us-east-1:123456789012:certificate/5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"),
          Map.entry(
              "DR_SECONDARY_CERTIFICATE_ARN",
              "arn:aws:acm:us-east-2:123456789012:certificate/6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e"),
          Map.entry("DR_ZONE_NAME", "dr-edge.acme-corp.com"),
          Map.entry("DR_TARGET_RTO_SECONDS", "59"),
          Map.entry("DR_ALARM_SUBSCRIBER_WAIVED", "true"));

  public static Synthesized defaults() {
    return Synthesized.defaults();
  }

  public static Synthesized alternative() {
    return Synthesized.with(ALTERNATIVE_ENV);
  }

  public static Synthesized custom() {
    return Synthesized.with(CUSTOM_ENV);
  }

  public static Synthesized strong() {
    return Synthesized.with(STRONG_ENV);
  }

  public static Synthesized active() {
    return Synthesized.with(ACTIVE_ENV);
  }

  public static Synthesized accelerated() {
    return Synthesized.with(ACCELERATED_ENV);
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
    if (!regions.containsValue(stack.config().dns().failoverSwitchRegion())) {
      regions.put("aws.failover-switch", stack.config().dns().failoverSwitchRegion());
    }
    return regions;
  }

  /** The six configurations, for tests over each of them ({@link AllStacks}). */
  public enum Configuration {
    DEFAULTS,
    ALTERNATIVE,
    CUSTOM,
    STRONG,
    ACTIVE,
    ACCELERATED;

    public Synthesized stack() {
      return switch (this) {
        case DEFAULTS -> defaults();
        case ALTERNATIVE -> alternative();
        case CUSTOM -> custom();
        case STRONG -> strong();
        case ACTIVE -> active();
        case ACCELERATED -> accelerated();
      };
    }

    /** {@code defaults}, {@code alternative}, ...: the test's display name. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The configuration a stack was synthesized from. */
    public static Configuration of(Synthesized stack) {
      return Arrays.stream(values())
          .filter(configuration -> configuration.stack() == stack)
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("not one of Stacks' configurations"));
    }
  }
}
