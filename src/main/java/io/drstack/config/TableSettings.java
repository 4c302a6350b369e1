package io.drstack.config;

import java.util.List;
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
    Optional<String> witnessRegion) {

  /** The TTL attribute of an eventually consistent table unless set otherwise. */
  static final String DEFAULT_TTL_ATTRIBUTE = "expiresAt";

  static TableSettings read(SettingSource settings, String primary, String secondary) {
    TableConsistency consistency = settings.get(Setting.TABLE_CONSISTENCY);
    // MRSC has no TTL: a strongly consistent table has none unless one is set, which is refused.
    Optional<String> ttl =
        settings.optional(
            Setting.TABLE_TTL_ATTRIBUTE,
            consistency == TableConsistency.STRONG
                ? Optional.empty()
                : Optional.of(DEFAULT_TTL_ATTRIBUTE));
    Optional<String> witness = settings.optional(Setting.WITNESS_REGION);
    if (consistency == TableConsistency.EVENTUAL) {
      witness.ifPresent(
          region ->
              settings.refuse(
                  Setting.WITNESS_REGION,
                  region,
                  "no value unless tableConsistency is strong (only a strongly consistent"
                      + " table has a witness)"));
      return new TableSettings(
          settings.get(Setting.TABLE_DELETION_PROTECTION), ttl, consistency, Optional.empty());
    }
    ttl.ifPresent(
        attribute ->
            settings.refuse(
                Setting.TABLE_TTL_ATTRIBUTE,
                attribute,
                "no value with tableConsistency strong, where it has none by default:"
                    + " multi-Region strong consistency does not support TTL"));
    return new TableSettings(
        settings.get(Setting.TABLE_DELETION_PROTECTION),
        ttl,
        consistency,
        witness(settings, witness, primary, secondary));
  }

  /** The witness: given and checked, or the one region of the set the two regions leave. */
  private static Optional<String> witness(
      SettingSource settings, Optional<String> given, String primary, String secondary) {
    Optional<List<String>> set = TableConsistency.regionSet(primary, secondary);
    if (set.isEmpty()) {
      settings.refuse(
          Setting.TABLE_CONSISTENCY,
          "strong",
          "eventual, unless primaryRegion ("
              + primary
              + ") and secondaryRegion ("
              + secondary
              + ") are in one multi-Region strong consistency set: "
              + TableConsistency.REGION_SETS);
      return given;
    }
    List<String> candidates =
        set.get().stream().filter(r -> !r.equals(primary) && !r.equals(secondary)).toList();
    if (given.isPresent()) {
      if (!candidates.contains(given.get())) {
        settings.refuse(
            Setting.WITNESS_REGION,
            given.get(),
            "a region of the regions' MRSC set other than them: one of " + candidates);
      }
      return given;
    }
    if (candidates.size() != 1) {
      settings.refuse(
          Setting.WITNESS_REGION,
          "",
          "with tableConsistency strong in this MRSC set, one of " + candidates);
      return Optional.empty();
    }
    return Optional.of(candidates.get(0));
  }
}
