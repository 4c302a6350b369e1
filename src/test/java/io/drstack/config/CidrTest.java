package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  private static Cidr cidr(String text) {
    return Cidr.parse(text).orElseThrow(() -> new AssertionError(text + " is a network block"));
  }

  @Test
  void parsesTheAddressAndThePrefix() {
    assertEquals(new Cidr(0x0A0A0000L, 16), cidr("10.10.0.0/16"));
    assertEquals(new Cidr(0xFFFFFFFFL, 32), cidr("255.255.255.255/32"));
    assertEquals(new Cidr(0, 0), cidr("0.0.0.0/0"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.10.0.0", "10.10.1.0/16", "300.1.0.0/16", "10.10.0.0/33", "10.10.0/16", ""})
  void refusesWhatIsNoNetworkBlock(String text) {
    assertEquals(Optional.empty(), Cidr.parse(text));
  }

  @ParameterizedTest
  @CsvSource({
    "10.10.0.0/16, 10.10.128.0/17, true",
    "10.10.0.0/16, 10.10.0.0/16, true",
    "10.0.0.0/8, 10.20.0.0/16, true",
    "10.10.0.0/16, 10.20.0.0/16, false",
    "10.10.0.0/16, 10.11.0.0/16, false",
    "10.10.0.0/22, 10.10.4.0/22, false"
  })
  void overlapsWhenOneBlockContainsTheOtherEitherWay(String a, String b, boolean overlap) {
    assertEquals(overlap, cidr(a).overlaps(cidr(b)));
    assertEquals(overlap, cidr(b).overlaps(cidr(a)));
  }

  @Test
  void theWholeAddressSpaceOverlapsEverything() {
    assertTrue(cidr("0.0.0.0/0").overlaps(cidr("192.168.1.0/24")));
    assertFalse(cidr("192.168.0.0/24").overlaps(cidr("192.168.1.0/24")));
  }
}
