package io.drstack.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 network block such as {@code 10.10.0.0/16}: the address and the prefix length, with no
 * bits set past the prefix.
 *
 * @param address the network address as an unsigned 32-bit number
 * @param prefix the prefix length, 0 to 32
 */
record Cidr(long address, int prefix) {

  private static final Pattern TEXT =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

  /** Empty unless {@code text} is a dotted address and a prefix that together name a network. */
  static Optional<Cidr> parse(String text) {
    Matcher m = TEXT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long address = 0;
    for (int i = 1; i <= 4; i++) {
      int octet = Integer.parseInt(m.group(i));
      if (octet > 255) {
        return Optional.empty();
      }
      address = (address << 8) | octet;
    }
    int prefix = Integer.parseInt(m.group(5));
    // A set host bit (10.10.1.0/16) names an address inside a block, not the block.
    return prefix <= 32 && (address & ~mask(prefix)) == 0
        ? Optional.of(new Cidr(address, prefix))
        : Optional.empty();
  }

  /** Whether the two blocks share an address: one contains the other, as blocks never cross. */
  boolean overlaps(Cidr other) {
    long mask = mask(Math.min(prefix, other.prefix));
    return (address & mask) == (other.address & mask);
  }

  private static long mask(int prefix) {
    return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }
}
