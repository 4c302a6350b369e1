package io.drstack.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** How the table's two copies agree, and the multi-Region strong consistency (MRSC) region sets. */
public enum TableConsistency {
  /** Asynchronous replication: a regional failure can lose the writes not yet replicated. */
  EVENTUAL,
  /** A write is acknowledged once durable in two of the three regions (two copies, a witness). */
  STRONG;

  /**
   * The regions an MRSC table may span, per AWS's documentation: its two copies and its witness
   * must all be in one set.
   */
  static final List<List<String>> REGION_SETS =
      List.of(
          List.of("us-east-1", "us-east-2", "us-west-2"),
          List.of("eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1"),
          List.of("ap-northeast-1", "ap-northeast-2", "ap-northeast-3"));

  /** {@code eventual} or {@code strong}, as the setting spells it. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The MRSC set holding both regions, if one does. */
  static Optional<List<String>> regionSet(String primary, String secondary) {
    return REGION_SETS.stream()
        .filter(set -> set.contains(primary) && set.contains(secondary))
        .findFirst();
  }
}
