package io.drstack.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Route 53 failover.
 *
 * @param hostedZoneId an existing public hosted zone; empty creates {@link #zoneName()}
 * @param zoneName the zone created when no hosted zone id is given
 * @param recordName the failover record users resolve
 * @param healthCheckIntervalSeconds 10 (fast) or 30 (standard), the only values Route 53 takes
 * @param healthCheckFailureThreshold consecutive failures before an endpoint is unhealthy (1-10)
 * @param failoverSwitchRegion where the failover switch's alarm lives: neither us-east-1 nor the
 *     primary
 */
public record DnsSettings(
    Optional<String> hostedZoneId,
    String zoneName,
    String recordName,
    int healthCheckIntervalSeconds,
    int healthCheckFailureThreshold,
    String failoverSwitchRegion) {

  /**
   * Names no zone of this stack can serve: Route 53 refuses example.com and its subdomains ("is
   * reserved by AWS"), and the other documentation names and special-use top-level domains can
   * never be delegated.
   */
  private static final Pattern RESERVED =
      Pattern.compile("(.+\\.)?(example\\.(com|net|org)|[^.]+\\.(example|invalid|localhost|test))");

  /**
   * Whether the stack would create a zone with a placeholder name (the default {@code
   * dr-<suffix>.example.com} among them): synth works, but a plan must stop before anything is
   * created.
   */
  public boolean placeholderZone() {
    return hostedZoneId.isEmpty() && RESERVED.matcher(zoneName).matches();
  }

  /**
   * The first label of the latency set's name: with {@code activeActive} behind DNS, the PRIMARY
   * record aliases {@code active.<recordName>}, in the same zone.
   */
  public static final String LATENCY_SET_LABEL = "active";

  /** The longest DNS name a setting takes, without its trailing dot. */
  static final int LONGEST_NAME = 253;

  /** The longest record name that leaves room for the latency set's label. */
  static final int LONGEST_NAME_WITH_LATENCY_SET =
      LONGEST_NAME - (LATENCY_SET_LABEL + ".").length();

  /** {@code active.<recordName>}: the latency set of both regions, with {@code activeActive}. */
  public String latencySetName() {
    return LATENCY_SET_LABEL + "." + recordName;
  }

  /**
   * With {@code activeActive} behind DNS the latency set's name must be a DNS name as well: the
   * record name leaves room for its label.
   */
  static void refuseUnnameableLatencySet(
      SettingSource settings, DnsSettings dns, TrafficSettings traffic) {
    int longest = LONGEST_NAME_WITH_LATENCY_SET;
    if (traffic.activeActive()
        && !traffic.accelerator()
        && dns.recordName().length() > longest
        && !settings.refused(Setting.RECORD_NAME)) {
      settings.refuse(
          Setting.RECORD_NAME,
          dns.recordName(),
          "at most "
              + longest
              + " characters with strategy activeActive and frontDoor dns (now "
              + dns.recordName().length()
              + "): the latency set of both regions is named "
              + LATENCY_SET_LABEL
              + ".<recordName>, and a DNS name has "
              + LONGEST_NAME
              + " at most");
    }
  }

  /** The region whose control planes are global services': Route 53's, IAM's. */
  static final String CONTROL_PLANE_REGION = "us-east-1";

  static DnsSettings read(
      SettingSource settings, String suffix, String primaryRegion, String secondaryRegion) {
    Optional<String> zoneId = settings.optional(Setting.HOSTED_ZONE_ID);
    String zoneName =
        dnsName(
            settings,
            Setting.ZONE_NAME,
            "dr-" + suffix + ".example.com",
            Setting.ENVIRONMENT_SUFFIX);
    if (zoneId.isPresent() && settings.isSet(Setting.ZONE_NAME)) {
      settings.warn(
          Setting.ZONE_NAME,
          zoneName,
          "ignored: with hostedZoneId set no zone is created, and the failover record is"
              + " recordName in the existing zone");
    }
    String recordName =
        dnsName(
            settings,
            Setting.RECORD_NAME,
            "app." + zoneName,
            Setting.ENVIRONMENT_SUFFIX,
            Setting.ZONE_NAME);
    if (zoneId.isEmpty() && !recordName.endsWith("." + zoneName) && !recordName.equals(zoneName)) {
      settings.refuse(
          Setting.RECORD_NAME, recordName, "a name inside the created zone " + zoneName);
    }
    // The default record name lies in the zone this stack would create, never in someone else's.
    if (zoneId.isPresent()
        && !settings.refused(Setting.HOSTED_ZONE_ID)
        && !settings.isSet(Setting.RECORD_NAME)) {
      settings.refuse(
          Setting.RECORD_NAME,
          "",
          "the failover record's name inside the existing hosted zone "
              + zoneId.get()
              + " (required with hostedZoneId)");
    }
    int interval = settings.get(Setting.HEALTH_CHECK_INTERVAL);
    return new DnsSettings(
        zoneId,
        zoneName,
        recordName,
        interval,
        settings.get(Setting.HEALTH_CHECK_FAILURE_THRESHOLD),
        switchRegion(settings, primaryRegion, secondaryRegion));
  }

  /**
   * The failover switch's region: the operator pulls it while the primary, or us-east-1, is down,
   * so it may be neither. The secondary by default; when that is us-east-1, a third region.
   */
  private static String switchRegion(
      SettingSource settings, String primaryRegion, String secondaryRegion) {
    Setting<String> setting = Setting.FAILOVER_SWITCH_REGION;
    // A default derived from a refused region would only repeat that problem.
    if (!settings.isSet(setting)
        && settings.refused(Setting.PRIMARY_REGION, Setting.SECONDARY_REGION)) {
      return secondaryRegion;
    }
    String defaultRegion =
        !secondaryRegion.equals(CONTROL_PLANE_REGION)
            ? secondaryRegion
            : primaryRegion.equals("us-west-2") ? "us-east-2" : "us-west-2";
    String region = settings.get(setting, defaultRegion);
    if (region.equals(CONTROL_PLANE_REGION) || region.equals(primaryRegion)) {
      settings.refuse(
          setting,
          region,
          "a region other than "
              + CONTROL_PLANE_REGION
              + " (home of Route 53's and IAM's control planes) and other than the primary ("
              + primaryRegion
              + "): the switch must work while either is down"
              + (settings.isSet(setting) ? "" : " (this was the default)"));
    }
    return region;
  }

  /**
   * A DNS name setting without its trailing dot; {@code defaultName} is derived from {@code
   * derivedFrom}, so when one of those is already refused that problem is not reported twice.
   */
  private static String dnsName(
      SettingSource settings,
      Setting<String> setting,
      String defaultName,
      Setting<?>... derivedFrom) {
    return Setting.withoutTrailingDot(settings.get(setting, defaultName, derivedFrom));
  }
}
