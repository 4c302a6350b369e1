package io.drstack.config;

import java.util.Optional;

/**
 * Alarms and logs.
 *
 * @param email address subscribed to each region's alarm topic; empty subscribes nobody
 * @param replicationLatencyThresholdMs {@code ReplicationLatency} average that raises the alarm
 * @param logRetentionDays retention of the application log groups
 */
public record AlertingSettings(
    Optional<String> email, int replicationLatencyThresholdMs, int logRetentionDays) {}
