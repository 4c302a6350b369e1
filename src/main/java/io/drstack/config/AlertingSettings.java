package io.drstack.config;

import java.util.Optional;

/**
 * Alarms and logs.
 *
 * @param email address subscribed to each region's alarm topic; empty subscribes nobody
 * @param replicationLatencyThresholdMs the highest {@code ReplicationLatency} in a minute that the
 *     alarm allows
 * @param logRetentionDays retention of the application log groups
 */
public record AlertingSettings(
    Optional<String> email, int replicationLatencyThresholdMs, int logRetentionDays) {}
