package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

  /** A record name of {@code length} characters: three labels of 63, one to fill, {@code .com}. */
  private static String recordNameOf(int length) {
    String label = "a".repeat(63) + ".";
    return label.repeat(3) + "b".repeat(length - 3 * 64 - 4) + ".com";
  }

  private static java.util.Map<String, String> existingZone(String recordName, String... more) {
    java.util.Map<String, String> env =
        new java.util.HashMap<>(
            java.util.Map.of(
                "DR_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ", "DR_RECORD_NAME", recordName));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  @Test
  void activeActiveBehindDnsLeavesRoomForTheLatencySetsLabel() {
    String longest = recordNameOf(246);
    assertEquals(246, longest.length());
    DnsSettings dns =
        ConfigLoader.load(java.util.Map.of(), existingZone(longest, "DR_STRATEGY", "activeActive"))
            .dns();
    assertEquals("active." + longest, dns.latencySetName());
    assertEquals(253, dns.latencySetName().length());

    String tooLong = recordNameOf(247);
    io.drstack.support.ConfigRefusals.assertOnlyProblem(
        java.util.Map.of(),
        existingZone(tooLong, "DR_STRATEGY", "activeActive"),
        Setting.RECORD_NAME,
        tooLong,
        java.util.List.of(
            "at most 246 characters with strategy activeActive and frontDoor dns (now 247)",
            "active.<recordName>"));
    // Without the latency set the name is as long as any other.
    ConfigLoader.load(java.util.Map.of(), existingZone(tooLong));
    ConfigLoader.load(
        java.util.Map.of(),
        existingZone(tooLong, "DR_STRATEGY", "activeActive", "DR_FRONT_DOOR", "accelerator"));
  }
}
