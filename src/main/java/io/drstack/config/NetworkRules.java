package io.drstack.config;

import java.util.Optional;

/** The two VPCs' address blocks: sized for the stack's subnets, and apart so they can be peered. */
final class NetworkRules {
  private NetworkRules() {}

  /** Refuses a secondary block that overlaps the primary's; malformed ones are refused already. */
  static void refuseOverlap(SettingSource settings, String primary, String secondary) {
    Optional<Cidr> a = block(primary);
    Optional<Cidr> b = block(secondary);
    if (a.isPresent() && b.isPresent() && a.get().overlaps(b.get())) {
      settings.refuse(
          Setting.SECONDARY_VPC_CIDR,
          secondary,
          "a block that does not overlap the primary VPC (" + primary + ")");
    }
  }

  /** A VPC's block: /16 to /22, large enough for the stack's subnets. */
  static Optional<Cidr> block(String text) {
    return Cidr.parse(text).filter(cidr -> cidr.prefix() >= 16 && cidr.prefix() <= 22);
  }
}
