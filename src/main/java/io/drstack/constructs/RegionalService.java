package io.drstack.constructs;

import io.drstack.config.RegionSettings;
import io.drstack.config.ServiceSettings;
import io.drstack.config.TargetHealth;
import software.constructs.Construct;

/**
 * The application in one region: a VPC over two availability zones, an internet-facing Application
 * Load Balancer in the public subnets, and an Auto Scaling group of instances in private subnets
 * that have no route to the internet. The instances reach Systems Manager and CloudWatch Logs
 * through VPC endpoints, the Amazon Linux package repositories through the S3 gateway endpoint and
 * the region's replica of the table through the DynamoDB gateway endpoint. The load balancer's DNS
 * name and zone id are published to SSM for DNS.
 */
public final class RegionalService extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param region where the service runs
   * @param key the region's key: volumes and logs are encrypted with it
   * @param settings what differs per region (network, capacity, certificate, AMI)
   * @param service what both regions share (instance type, port, deletion protection)
   * @param data the table's replica in {@code region}, the peer region and the canary
   * @param targetHealth what the load balancer checks on the instances
   * @param logRetentionDays retention of the application and flow log groups
   */
  public record Props(
      Region region,
      RegionalKey key,
      RegionSettings settings,
      ServiceSettings service,
      DataTier data,
      TargetHealth targetHealth,
      int logRetentionDays) {}

  /** Path Route 53 probes; the instances answer it only when serving. */
  public static final String HEALTH_PATH = UserData.HEALTH_PATH;

  private final Region region;
  private final LoadBalancer loadBalancer;
  private final Fleet fleet;
  private final boolean https;

  public RegionalService(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    RegionSettings settings = props.settings();
    ServiceSettings service = props.service();
    Network network =
        new Network(
            this,
            "network",
            new Network.Props(
                region,
                props.key(),
                settings.vpcCidr(),
                settings.zones(),
                props.logRetentionDays()));
    SecurityGroups groups =
        new SecurityGroups(
            this,
            "security-groups",
            new SecurityGroups.Props(region, network.vpcId(), service.appPort()));
    DataTier data = props.data();
    new PrivateEndpoints(
        this,
        "private-endpoints",
        new PrivateEndpoints.Props(
            region, network, groups, data.table().arn(), data.canary().enabled()));
    this.loadBalancer =
        new LoadBalancer(
            this,
            "load-balancer",
            new LoadBalancer.Props(
                region,
                network,
                groups.loadBalancer().getId(),
                service.appPort(),
                service.albDeletionProtection(),
                settings.certificateArn(),
                props.targetHealth()));
    groups.allowAppPort(loadBalancer.targetGroup());
    this.fleet =
        new Fleet(
            this,
            "fleet",
            new Fleet.Props(
                region,
                props.key(),
                new Fleet.Placement(
                    network.privateSubnetIds(),
                    groups.instances().getId(),
                    loadBalancer.targetGroup().getArn(),
                    props.targetHealth()),
                new Fleet.Instances(
                    service.instanceType(),
                    settings.amiId(),
                    settings.capacity(),
                    service.appPort()),
                data,
                props.logRetentionDays()));
    this.https = settings.certificateArn().isPresent();
  }

  /** The load balancer's DNS name, for resources in this region. */
  public String loadBalancerDnsName() {
    return loadBalancer.resource().getDnsName();
  }

  /** The load balancer's Route 53 zone id, for resources in this region. */
  public String loadBalancerZoneId() {
    return loadBalancer.resource().getZoneId();
  }

  /** The load balancer's ARN, for resources in this region. */
  public String loadBalancerArn() {
    return loadBalancer.resource().getArn();
  }

  /** {@code app/<name>/<id>}: the {@code LoadBalancer} dimension of its CloudWatch metrics. */
  public String loadBalancerArnSuffix() {
    return loadBalancer.resource().getArnSuffix();
  }

  /** {@code targetgroup/<name>/<id>}: the {@code TargetGroup} dimension of its metrics. */
  public String targetGroupArnSuffix() {
    return loadBalancer.targetGroup().getArnSuffix();
  }

  /** The Auto Scaling group of the application's instances. */
  public String autoScalingGroupName() {
    return fleet.groupName();
  }

  /** The Auto Scaling group's ARN, for resources in this region. */
  public String autoScalingGroupArn() {
    return fleet.groupArn();
  }

  /** Whether the load balancer serves HTTPS (a certificate is configured). */
  public boolean https() {
    return https;
  }

  /** The DNS name as published to SSM: what other regions use. */
  public SsmHandOff dnsNameHandOff() {
    return loadBalancer.dnsNameHandOff();
  }

  /** The hosted zone id as published to SSM: what other regions use. */
  public SsmHandOff zoneIdHandOff() {
    return loadBalancer.zoneIdHandOff();
  }

  public Region region() {
    return region;
  }
}
