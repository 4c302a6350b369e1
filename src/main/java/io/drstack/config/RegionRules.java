package io.drstack.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Region names and each region's two availability zones. */
final class RegionRules {
  private RegionRules() {}

  /**
   * Regions the required AWS provider line ({@code ~> 6.47.0}) accepts in the {@code aws}
   * partition: its {@code region} validation.
   */
  static final Set<String> REGIONS =
      Set.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "af-south-1",
          "ap-east-1",
          "ap-east-2",
          "ap-south-1",
          "ap-south-2",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-southeast-5",
          "ap-southeast-6",
          "ap-southeast-7",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ca-central-1",
          "ca-west-1",
          "eu-central-1",
          "eu-central-2",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-south-1",
          "eu-south-2",
          "eu-north-1",
          "il-central-1",
          "me-south-1",
          "me-central-1",
          "mx-central-1",
          "sa-east-1");

  /**
   * Regions whose first two zone names are not {@code <region>a} and {@code <region>b} in every
   * account: ap-northeast-1 has no zone b for newer accounts, and us-west-1 offers each account two
   * of its three zones, which two differing by account (so it has no default at all).
   */
  private static final Map<String, List<String>> DEFAULT_ZONE_LETTERS =
      Map.of("ap-northeast-1", List.of("a", "c"), "us-west-1", List.of());

  /** The secondary region: a failover to the same region would fail with it. */
  static String secondaryRegion(SettingSource settings, String primaryRegion) {
    Setting<String> setting = Setting.SECONDARY_REGION;
    String secondary = settings.get(setting);
    if (primaryRegion.equals(secondary)) {
      settings.refuse(
          setting, secondary, "a region other than the primary region (" + primaryRegion + ")");
    }
    return secondary;
  }

  /**
   * Two distinct zones of {@code region}, by name or zone ID. The default, {@code <region>a} and
   * {@code <region>b} (a and c in ap-northeast-1), is what the stack's subnets used before zones
   * were a setting, so an upgrade keeps them; us-west-1 has no default. Not checked when the region
   * itself is refused: its zones could not be right.
   */
  static List<AvailabilityZone> zones(
      SettingSource settings,
      Setting<String> setting,
      String region,
      Setting<String> regionSetting) {
    List<String> letters = DEFAULT_ZONE_LETTERS.getOrDefault(region, List.of("a", "b"));
    String defaultZones = String.join(",", letters.stream().map(l -> region + l).toList());
    String text = settings.get(setting, defaultZones);
    String expected =
        "two different availability zones of "
            + region
            + ", comma-separated, by name ("
            + region
            + "a,"
            + region
            + "b) or by zone ID ("
            + AvailabilityZone.idPrefix(region)
            + "-az1,"
            + AvailabilityZone.idPrefix(region)
            + "-az2); list yours with: aws ec2 describe-availability-zones --region "
            + region;
    if (text.isEmpty()) {
      if (!settings.refused(regionSetting)) {
        settings.refuse(
            setting, "", expected + " (this region has no default: its zones differ by account)");
      }
      return List.of();
    }
    String[] parts = text.split(",", -1);
    List<AvailabilityZone> zones = new ArrayList<>();
    for (String part : parts) {
      AvailabilityZone.parse(region, part.trim()).ifPresent(zones::add);
    }
    if (!settings.refused(regionSetting)
        && (parts.length != 2 || zones.size() != 2 || zones.get(0).equals(zones.get(1)))) {
      settings.refuse(setting, text, expected);
    }
    return zones;
  }
}
