package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which zone names are placeholders: a stack creating such a zone must not plan. */
class DnsSettingsTest {

  private static DnsSettings creating(String zoneName) {
    return new DnsSettings(Optional.empty(), zoneName, "app." + zoneName, 10, 3, "us-east-2");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.com",
        "example.net",
        "example.org",
        "dr-dev.example.com",
        "a.b.example.org",
        "dr.test",
        "dr.invalid",
        "dr.localhost",
        "dr.example",
        "app.dr.test"
      })
  void reservedNamesArePlaceholders(String zoneName) {
    assertTrue(creating(zoneName).placeholderZone(), zoneName);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dr.acme-corp.com",
        "myexample.com",
        "example.co.uk",
        "example.com.au",
        "testing.io"
      })
  void otherNamesAreNot(String zoneName) {
    assertFalse(creating(zoneName).placeholderZone(), zoneName);
  }

  @Test
  void anExistingZoneIsNeverAPlaceholder() {
    // With a hosted zone id the stack creates no zone: its name is not used.
    DnsSettings existing =
        new DnsSettings(
            Optional.of("Z0123456789ABCDEFGHIJ"),
            "dr-dev.example.com",
            "shop.example.org",
            10,
            3,
            "us-east-2");
    assertFalse(existing.placeholderZone());
  }

  @Test
  void theDefaultZoneIsAPlaceholder() {
    assertTrue(ConfigLoader.load(java.util.Map.of(), java.util.Map.of()).dns().placeholderZone());
    assertFalse(
        ConfigLoader.load(java.util.Map.of(), java.util.Map.of("DR_ZONE_NAME", "dr.acme-corp.com"))
            .dns()
            .placeholderZone());
  }
}
