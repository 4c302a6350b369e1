package io.drstack.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One availability zone a region's subnets use, fixed in configuration so that the zones never
 * depend on their health at plan time: a zone that is impaired (or briefly not {@code available})
 * must not make the next apply move subnets. Given either by name ({@code us-east-1a}, which means
 * a different physical zone in each account) or by zone ID ({@code use1-az1}, the same everywhere).
 */
public sealed interface AvailabilityZone {

  /** The subnet argument that takes this zone: {@code availability_zone} or its {@code _id}. */
  String terraformArgument();

  /** The zone as written in configuration. */
  String value();

  /** {@code us-east-1a}: the account's own name for a zone. */
  record Name(String value) implements AvailabilityZone {
    @Override
    public String terraformArgument() {
      return "availability_zone";
    }
  }

  /** {@code use1-az1}: the zone's ID, the same physical zone in every account. */
  record Id(String value) implements AvailabilityZone {
    @Override
    public String terraformArgument() {
      return "availability_zone_id";
    }
  }

  /**
   * Reads one zone of {@code region}; empty when {@code text} is neither one of its zone names
   * ({@code <region><letter>}) nor one of its zone IDs ({@code <prefix>-az<n>}, the prefix being
   * the region's: {@code use1} for us-east-1, {@code apne1} for ap-northeast-1).
   */
  static Optional<AvailabilityZone> parse(String region, String text) {
    if (text.length() == region.length() + 1
        && text.startsWith(region)
        && Character.isLowerCase(text.charAt(region.length()))) {
      return Optional.of(new Name(text));
    }
    return Pattern.matches(Pattern.quote(idPrefix(region)) + "-az\\d{1,2}", text)
        ? Optional.of(new Id(text))
        : Optional.empty();
  }

  /** {@code us-east-1} to {@code use1}, {@code ap-southeast-2} to {@code apse2}. */
  static String idPrefix(String region) {
    String[] parts = region.split("-", -1);
    String direction = parts.length == 3 ? parts[1] : "";
    String initials =
        switch (direction) {
          case "northeast" -> "ne";
          case "southeast" -> "se";
          case "northwest" -> "nw";
          case "southwest" -> "sw";
          default -> direction.isEmpty() ? "" : direction.substring(0, 1);
        };
    return parts[0] + initials + (parts.length == 3 ? parts[2] : "");
  }
}
