package io.drstack.constructs;

import io.drstack.config.CanarySettings;

/**
 * What the application of one region uses of the data tier.
 *
 * @param table the table's replica in the application's region, the only one it reaches
 * @param peerRegion the stack's other region, whose heartbeats the canary reads in {@code table}
 * @param canary the data-tier canary's settings; nothing of it when disabled
 */
public record DataTier(TableReplica table, String peerRegion, CanarySettings canary) {}
