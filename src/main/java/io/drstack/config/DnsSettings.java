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
}
