package io.drstack.config;

/** The settings each region has its own of, and how they make its {@link RegionSettings}. */
record RegionSide(
    Setting<String> region,
    Setting<String> vpcCidr,
    Setting<String> zones,
    Setting<Integer> minCapacity,
    Setting<Integer> desiredCapacity,
    Setting<Integer> maxCapacity,
    Setting<String> certificateArn,
    Setting<String> amiId) {

  static final RegionSide PRIMARY =
      new RegionSide(
          Setting.PRIMARY_REGION,
          Setting.PRIMARY_VPC_CIDR,
          Setting.PRIMARY_ZONES,
          Setting.PRIMARY_MIN_CAPACITY,
          Setting.PRIMARY_DESIRED_CAPACITY,
          Setting.PRIMARY_MAX_CAPACITY,
          Setting.PRIMARY_CERTIFICATE_ARN,
          Setting.PRIMARY_AMI_ID);

  static final RegionSide SECONDARY =
      new RegionSide(
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
   * problems have always been reported in.
   */
  RegionSettings read(SettingSource settings, String regionName) {
    var regionZones = RegionRules.zones(settings, zones, regionName, region);
    var capacity = CapacityRules.capacity(settings, minCapacity, desiredCapacity, maxCapacity);
    var ami = settings.optional(amiId);
    String cidr = settings.get(vpcCidr);
    var certificate = ServiceRules.certificateArn(settings, certificateArn, regionName);
    return new RegionSettings(regionName, cidr, regionZones, capacity, certificate, ami);
  }
}
