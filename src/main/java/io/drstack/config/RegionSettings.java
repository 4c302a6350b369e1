package io.drstack.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What differs between the two regions.
 *
 * @param region AWS region name, e.g. {@code us-east-1}
 * @param vpcCidr the VPC's IPv4 block; the two regions' blocks never overlap, so they can be peered
 * @param zones the two availability zones of the region's subnets, fixed in configuration
 * @param capacity instances behind the region's load balancer
 * @param certificateArn ACM certificate for the HTTPS listener, in this region; empty means HTTP
 * @param amiId the instances' AMI, pinned; empty takes the newest Amazon Linux 2023 AMI once, when
 *     the launch template is created, and keeps it until an AMI is pinned
 */
public record RegionSettings(
    String region,
    String vpcCidr,
    List<AvailabilityZone> zones,
    Capacity capacity,
    Optional<String> certificateArn,
    Optional<String> amiId) {

  public RegionSettings {
    zones = List.copyOf(zones);
  }

  /** The settings each region has its own of. */
  record Side(
      Setting<String> region,
      Setting<String> vpcCidr,
      Setting<String> zones,
      Setting<Integer> minCapacity,
      Setting<Integer> desiredCapacity,
      Setting<Integer> maxCapacity,
      Setting<String> certificateArn,
      Setting<String> amiId) {

    static final Side PRIMARY =
        new Side(
            Setting.PRIMARY_REGION,
            Setting.PRIMARY_VPC_CIDR,
            Setting.PRIMARY_ZONES,
            Setting.PRIMARY_MIN_CAPACITY,
            Setting.PRIMARY_DESIRED_CAPACITY,
            Setting.PRIMARY_MAX_CAPACITY,
            Setting.PRIMARY_CERTIFICATE_ARN,
            Setting.PRIMARY_AMI_ID);

    static final Side SECONDARY =
        new Side(
            Setting.SECONDARY_REGION,
            Setting.SECONDARY_VPC_CIDR,
            Setting.SECONDARY_ZONES,
            Setting.SECONDARY_MIN_CAPACITY,
            Setting.SECONDARY_DESIRED_CAPACITY,
            Setting.SECONDARY_MAX_CAPACITY,
            Setting.SECONDARY_CERTIFICATE_ARN,
            Setting.SECONDARY_AMI_ID);

    /**
     * The region's settings; {@code regionName} is read and checked already. Read in the order the
     * problems are reported in.
     */
    RegionSettings read(SettingSource settings, String regionName) {
      var regionZones = readZones(settings, zones, regionName, region);
      var capacity = Capacity.read(settings, minCapacity, desiredCapacity, maxCapacity);
      var ami = settings.optional(amiId);
      String cidr = settings.get(vpcCidr);
      var certificate = readCertificateArn(settings, certificateArn, regionName);
      return new RegionSettings(regionName, cidr, regionZones, capacity, certificate, ami);
    }
  }

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
   * {@code <region>b} (a and c in ap-northeast-1), keeps the subnets of deployed stacks where they
   * are; us-west-1 has no default. Not checked when the region itself is refused: its zones could
   * not be right.
   */
  private static List<AvailabilityZone> readZones(
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

  /** The HTTPS listener's certificate; ACM certificates serve only their own region. */
  private static Optional<String> readCertificateArn(
      SettingSource settings, Setting<String> setting, String region) {
    Optional<String> certificateArn = settings.optional(setting);
    if (certificateArn.isEmpty()) {
      settings.warn(
          setting,
          "",
          "no certificate, so the load balancer in "
              + region
              + " serves plain HTTP; set an ACM certificate of "
              + region
              + " before serving real users (help/configuration.md)");
    }
    certificateArn.ifPresent(
        arn -> {
          var matcher = Setting.CERTIFICATE_ARN.matcher(arn);
          if (matcher.matches() && !matcher.group(1).equals(region)) {
            settings.refuse(
                setting,
                arn,
                "a certificate in "
                    + region
                    + ", the region of its load balancer (ACM certificates are regional)");
          }
        });
    return certificateArn;
  }
}
