package io.drstack.config;

/**
 * The data-tier canary on the instances: each region writes a heartbeat to its replica of the table
 * and publishes the age of the other region's newest heartbeat (help/objectives.md).
 *
 * @param enabled whether the instances run the canary, with its endpoint, permission and alarm
 * @param intervalSeconds how often each instance writes, reads and publishes
 * @param namespace the CloudWatch namespace of the published age
 * @param alarmThresholdSeconds the age above which the region's canary alarm fires
 */
public record CanarySettings(
    boolean enabled, int intervalSeconds, String namespace, int alarmThresholdSeconds) {}
