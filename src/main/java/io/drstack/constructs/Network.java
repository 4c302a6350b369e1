package io.drstack.constructs;

import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.providers.aws.default_security_group.DefaultSecurityGroup;
import com.hashicorp.cdktf.providers.aws.default_security_group.DefaultSecurityGroupConfig;
import com.hashicorp.cdktf.providers.aws.internet_gateway.InternetGateway;
import com.hashicorp.cdktf.providers.aws.internet_gateway.InternetGatewayConfig;
import com.hashicorp.cdktf.providers.aws.route.Route;
import com.hashicorp.cdktf.providers.aws.route.RouteConfig;
import com.hashicorp.cdktf.providers.aws.route_table.RouteTable;
import com.hashicorp.cdktf.providers.aws.route_table.RouteTableConfig;
import com.hashicorp.cdktf.providers.aws.route_table_association.RouteTableAssociation;
import com.hashicorp.cdktf.providers.aws.route_table_association.RouteTableAssociationConfig;
import com.hashicorp.cdktf.providers.aws.subnet.Subnet;
import com.hashicorp.cdktf.providers.aws.subnet.SubnetConfig;
import com.hashicorp.cdktf.providers.aws.vpc.Vpc;
import com.hashicorp.cdktf.providers.aws.vpc.VpcConfig;
import io.drstack.config.AvailabilityZone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The region's VPC over its availability zones: a public subnet per zone for the load balancer,
 * routed to the internet, and a private one per zone for the instances, with no route out but the
 * VPC endpoints. Flow logs record every packet.
 */
final class Network extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param region where the VPC lives
   * @param key the region's key: the flow logs are encrypted with it
   * @param cidr the VPC's range; subnets are its 1st, 2nd (public) and 9th, 10th (private)
   *     sixteenths
   * @param zones the zones of the subnets, fixed so that subnets never move
   * @param logRetentionDays retention of the flow logs
   */
  record Props(
      Region region,
      RegionalKey key,
      String cidr,
      List<AvailabilityZone> zones,
      int logRetentionDays) {}

  /** Private subnets start at the 9th sixteenth of the VPC, leaving room for more public ones. */
  private static final int FIRST_PRIVATE_SUBNET = 8;

  private final Region region;
  private final Vpc vpc;
  private final RouteTable privateRoutes;
  private final List<String> publicSubnetIds = new ArrayList<>();
  private final List<String> privateSubnetIds = new ArrayList<>();

  Network(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    var provider = region.provider();
    this.vpc =
        new Vpc(
            this,
            "vpc",
            VpcConfig.builder()
                .provider(provider)
                .cidrBlock(props.cidr())
                .enableDnsSupport(true)
                .enableDnsHostnames(true) // interface endpoints need private DNS
                .tags(Map.of("Name", region.names().tag(region.name())))
                .build());
    // The default security group allows all traffic between members: take every rule away.
    new DefaultSecurityGroup(
        this,
        "default-security-group",
        DefaultSecurityGroupConfig.builder().provider(provider).vpcId(vpc.getId()).build());
    new VpcFlowLogs(
        this,
        "flow-logs",
        new VpcFlowLogs.Props(region, props.key(), vpc.getId(), props.logRetentionDays()));
    InternetGateway gateway =
        new InternetGateway(
            this,
            "internet-gateway",
            InternetGatewayConfig.builder().provider(provider).vpcId(vpc.getId()).build());
    RouteTable publicRoutes = routeTable("public");
    new Route(
        this,
        "public-default-route",
        RouteConfig.builder()
            .provider(provider)
            .routeTableId(publicRoutes.getId())
            .destinationCidrBlock("0.0.0.0/0")
            .gatewayId(gateway.getId())
            .build());
    this.privateRoutes = routeTable("private");
    List<AvailabilityZone> zones = props.zones();
    for (int i = 0; i < zones.size(); i++) {
      publicSubnetIds.add(subnet("public-" + i, zones.get(i), i, publicRoutes));
      privateSubnetIds.add(
          subnet("private-" + i, zones.get(i), FIRST_PRIVATE_SUBNET + i, privateRoutes));
    }
  }

  String vpcId() {
    return vpc.getId();
  }

  /** One per zone, in the order of the zones. */
  List<String> publicSubnetIds() {
    return List.copyOf(publicSubnetIds);
  }

  /** One per zone, in the order of the zones. */
  List<String> privateSubnetIds() {
    return List.copyOf(privateSubnetIds);
  }

  /** The private subnets' route table: gateway endpoints add their routes to it. */
  String privateRouteTableId() {
    return privateRoutes.getId();
  }

  private RouteTable routeTable(String tier) {
    return new RouteTable(
        this,
        tier + "-routes",
        RouteTableConfig.builder()
            .provider(region.provider())
            .vpcId(vpc.getId())
            .tags(Map.of("Name", region.names().tag(tier)))
            .build());
  }

  private String subnet(String id, AvailabilityZone zone, int index, RouteTable routes) {
    var config =
        SubnetConfig.builder()
            .provider(region.provider())
            .vpcId(vpc.getId())
            .cidrBlock(Fn.cidrsubnet(vpc.getCidrBlock(), 4, index))
            .mapPublicIpOnLaunch(false)
            .tags(Map.of("Name", region.names().tag(id)));
    // A literal zone: the subnets never move because a zone's state changed between plans.
    if (zone instanceof AvailabilityZone.Id) {
      config.availabilityZoneId(zone.value());
    } else {
      config.availabilityZone(zone.value());
    }
    Subnet subnet = new Subnet(this, id, config.build());
    new RouteTableAssociation(
        this,
        id + "-routes",
        RouteTableAssociationConfig.builder()
            .provider(region.provider())
            .subnetId(subnet.getId())
            .routeTableId(routes.getId())
            .build());
    return subnet.getId();
  }
}
