package io.drstack.config;

import java.util.List;
import java.util.Optional;

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
}
