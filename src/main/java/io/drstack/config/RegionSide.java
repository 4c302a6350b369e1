package io.drstack.config;

/** The settings that each region has its own of, and how they make its {@link RegionSettings}. */
enum RegionSide {
  /** Serves traffic, so it always runs instances. */
  PRIMARY(
      Setting.PRIMARY_REGION,
      Setting.PRIMARY_VPC_CIDR,
      Setting.PRIMARY_ZONES,
      Setting.PRIMARY_MIN_CAPACITY,
      Setting.PRIMARY_DESIRED_CAPACITY,
      Setting.PRIMARY_MAX_CAPACITY,
      Setting.PRIMARY_CERTIFICATE_ARN,
      Setting.PRIMARY_AMI_ID,
      1),
  /** The standby may run none (a pilot light), at the cost of a longer failover. */
  SECONDARY(
      Setting.SECONDARY_REGION,
      Setting.SECONDARY_VPC_CIDR,
      Setting.SECONDARY_ZONES,
      Setting.SECONDARY_MIN_CAPACITY,
      Setting.SECONDARY_DESIRED_CAPACITY,
      Setting.SECONDARY_MAX_CAPACITY,
      Setting.SECONDARY_CERTIFICATE_ARN,
      Setting.SECONDARY_AMI_ID,
      0);

  private final Setting region;
  private final Setting vpcCidr;
  private final Setting zones;
  private final Setting minCapacity;
  private final Setting desiredCapacity;
  private final Setting maxCapacity;
  private final Setting certificateArn;
  private final Setting amiId;
  private final int lowestCapacity;

  RegionSide(
      Setting region,
      Setting vpcCidr,
      Setting zones,
      Setting minCapacity,
      Setting desiredCapacity,
      Setting maxCapacity,
      Setting certificateArn,
      Setting amiId,
      int lowestCapacity) {
    this.region = region;
    this.vpcCidr = vpcCidr;
    this.zones = zones;
    this.minCapacity = minCapacity;
    this.desiredCapacity = desiredCapacity;
    this.maxCapacity = maxCapacity;
    this.certificateArn = certificateArn;
    this.amiId = amiId;
    this.lowestCapacity = lowestCapacity;
  }

  /**
   * The region's settings; {@code regionName} is read and checked already. Read in the order the
   * problems have always been reported in.
   */
  RegionSettings read(SettingSource settings, String regionName) {
    var regionZones = RegionRules.zones(settings, zones, regionName, region);
    var capacity =
        CapacityRules.capacity(settings, minCapacity, desiredCapacity, maxCapacity, lowestCapacity);
    var ami = ServiceRules.amiId(settings, amiId);
    String cidr = NetworkRules.vpcCidr(settings, vpcCidr);
    var certificate = ServiceRules.certificateArn(settings, certificateArn, regionName);
    return new RegionSettings(regionName, cidr, regionZones, capacity, certificate, ami);
  }
}
