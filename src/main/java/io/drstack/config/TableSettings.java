package io.drstack.config;

import java.util.Optional;

/**
 * The global table.
 *
 * @param deletionProtection refuse {@code DeleteTable} of the table and of its replica until
 *     switched off
 * @param ttlAttribute attribute holding the expiry epoch seconds; empty disables TTL
 * @param consistency how the two copies agree
 * @param witnessRegion the witness of a strongly consistent table; empty for an eventual one
 */
public record TableSettings(
    boolean deletionProtection,
    Optional<String> ttlAttribute,
    TableConsistency consistency,
    Optional<String> witnessRegion) {}
