package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpointConfig;
import java.util.List;
import software.constructs.Construct;

/**
 * The only ways out of the private subnets: Systems Manager and CloudWatch Logs through interface
 * endpoints, and the Amazon Linux package repositories through the S3 gateway endpoint.
 */
final class PrivateEndpoints extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param region where the VPC lives
   * @param network the VPC, its private subnets and their route table
   * @param groups the instances' group may reach the endpoints' group, and S3
   */
  record Props(Region region, Network network, SecurityGroups groups) {}

  /** Session Manager (three services) and the instances' logs. */
  private static final List<String> INTERFACE_ENDPOINTS =
      List.of("ssm", "ssmmessages", "ec2messages", "logs");

  PrivateEndpoints(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    Network network = props.network();
    VpcEndpoint s3 =
        new VpcEndpoint(
            this,
            "endpoint-s3",
            VpcEndpointConfig.builder()
                .provider(region.provider())
                .vpcId(network.vpcId())
                .serviceName(serviceName(region, "s3"))
                .vpcEndpointType("Gateway")
                .routeTableIds(List.of(network.privateRouteTableId()))
                .build());
    props
        .groups()
        .allowOut(
            "instances-to-s3",
            props.groups().instances(),
            443,
            Peer.prefixList(s3.getPrefixListId()),
            "Amazon Linux package repositories through the S3 gateway endpoint");
    for (String service : INTERFACE_ENDPOINTS) {
      new VpcEndpoint(
          this,
          "endpoint-" + service,
          VpcEndpointConfig.builder()
              .provider(region.provider())
              .vpcId(network.vpcId())
              .serviceName(serviceName(region, service))
              .vpcEndpointType("Interface")
              .privateDnsEnabled(true)
              .subnetIds(network.privateSubnetIds())
              .securityGroupIds(List.of(props.groups().endpoints().getId()))
              .build());
    }
  }

  private static String serviceName(Region region, String service) {
    return "com.amazonaws." + region.name() + "." + service;
  }
}
