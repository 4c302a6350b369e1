package io.drstack.config;

import java.util.Optional;

/**
 * Route 53 failover.
 *
 * @param hostedZoneId an existing public hosted zone; empty creates {@link #zoneName()}
 * @param zoneName the zone created when no hosted zone id is given
 * @param recordName the failover record users resolve
 * @param healthCheckIntervalSeconds 10 (fast) or 30 (standard), the only values Route 53 takes
 * @param healthCheckFailureThreshold consecutive failures before an endpoint is unhealthy (1-10)
 */
public record DnsSettings(
    Optional<String> hostedZoneId,
    String zoneName,
    String recordName,
    int healthCheckIntervalSeconds,
    int healthCheckFailureThreshold) {}
