package io.drstack.config;

/**
 * The settings each region has its own of, and how they make its {@link RegionSettings}.
 *
 * @param lowestCapacity the smallest minimum and starting size the region may have
 */
record RegionSide(
    Setting region,
    Setting vpcCidr,
    Setting zones,
    Setting minCapacity,
    Setting desiredCapacity,
    Setting maxCapacity,
    Setting certificateArn,
    Setting amiId,
    int lowestCapacity) {

  /** Serves traffic, so it always runs instances. */
  static final RegionSide PRIMARY =
      new RegionSide(
          Setting.PRIMARY_REGION,
          Setting.PRIMARY_VPC_CIDR,
          Setting.PRIMARY_ZONES,
          Setting.PRIMARY_MIN_CAPACITY,
          Setting.PRIMARY_DESIRED_CAPACITY,
          Setting.PRIMARY_MAX_CAPACITY,
          Setting.PRIMARY_CERTIFICATE_ARN,
          Setting.PRIMARY_AMI_ID,
          1);

  /** The standby may run none (a pilot light), at the cost of a longer failover. */
  static final RegionSide SECONDARY =
      new RegionSide(
          Setting.SECONDARY_REGION,
          Setting.SECONDARY_VPC_CIDR,
          Setting.SECONDARY_ZONES,
          Setting.SECONDARY_MIN_CAPACITY,
          Setting.SECONDARY_DESIRED_CAPACITY,
          Setting.SECONDARY_MAX_CAPACITY,
          Setting.SECONDARY_CERTIFICATE_ARN,
          Setting.SECONDARY_AMI_ID,
          0);

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
