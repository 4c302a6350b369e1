package io.drstack.config;

import java.util.Optional;

/** The two VPCs' address blocks: sized for the stack's subnets, and apart so they can be peered. */
final class NetworkRules {
  private NetworkRules() {}

  /** The VPC sizes the stack accepts, /16 to /22. */
  static final int WIDEST_PREFIX = 16;

  static final int NARROWEST_PREFIX = 22;

  /** A VPC's block as written; refused (and returned as written) when it is not a valid one. */
  static String vpcCidr(SettingSource settings, Setting setting) {
    String text = settings.text(setting);
    if (block(text).isEmpty()) {
      settings.refuse(
          setting,
          text,
          "an IPv4 network block from /"
              + WIDEST_PREFIX
              + " to /"
              + NARROWEST_PREFIX
              + ", such as "
              + setting.defaultValue());
    }
    return text;
  }

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

  private static Optional<Cidr> block(String text) {
    return Cidr.parse(text)
        .filter(cidr -> cidr.prefix() >= WIDEST_PREFIX && cidr.prefix() <= NARROWEST_PREFIX);
  }
}
