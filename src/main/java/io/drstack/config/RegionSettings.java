package io.drstack.config;

import java.util.Optional;

/**
 * What differs between the two regions.
 *
 * @param region AWS region name, e.g. {@code us-east-1}
 * @param vpcCidr the VPC's IPv4 block; the two regions' blocks never overlap, so they can be peered
 * @param capacity instances behind the region's load balancer
 * @param certificateArn ACM certificate for the HTTPS listener, in this region; empty means HTTP
 */
public record RegionSettings(
    String region, String vpcCidr, Capacity capacity, Optional<String> certificateArn) {}
