package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The only ways out of the private subnets: Systems Manager and CloudWatch Logs (and, with the
 * canary, CloudWatch metrics) through interface endpoints, the Amazon Linux package repositories
 * through the S3 gateway endpoint, and the region's replica of the table through the DynamoDB
 * gateway endpoint.
 */
final class PrivateEndpoints extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param region where the VPC lives
   * @param network the VPC, its private subnets and their route table
   * @param groups the instances' group may reach the endpoints' group, S3 and DynamoDB
   * @param tableArn the table's ARN in {@code region}: the one table the DynamoDB endpoint serves
   * @param canary whether the canary publishes metrics, through the {@code monitoring} endpoint
   */
  record Props(
      Region region, Network network, SecurityGroups groups, String tableArn, boolean canary) {}

  /** Session Manager (three services) and the instances' logs. */
  private static final List<String> INTERFACE_ENDPOINTS =
      List.of("ssm", "ssmmessages", "ec2messages", "logs");

  PrivateEndpoints(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    Network network = props.network();
    gateway(
        props,
        "s3",
        Optional.empty(),
        "Amazon Linux package repositories through the S3 gateway endpoint");
    // Whatever credentials cross it, this path reaches the stack's table only, and only for
    // principals of this account.
    gateway(
        props,
        "dynamodb",
        Optional.of(
            Policy.document(
                this,
                "dynamodb-endpoint-policy",
                region,
                List.of(
                    Policy.allow(
                            "StackTableItemsOnly",
                            InstanceRole.TABLE_ITEM_ACTIONS,
                            List.of(props.tableArn()))
                        .principal("AWS", region.iamArn("root"))))),
        "The region's replica of the table through the DynamoDB gateway endpoint");
    List<String> interfaceEndpoints = new ArrayList<>(INTERFACE_ENDPOINTS);
    if (props.canary()) {
      interfaceEndpoints.add("monitoring");
    }
    for (String service : interfaceEndpoints) {
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

  /**
   * A gateway endpoint to {@code service} on the private route table, limited by {@code policy},
   * and the instances' egress rule to its prefix list.
   */
  private void gateway(Props props, String service, Optional<String> policy, String description) {
    Region region = props.region();
    Network network = props.network();
    var endpoint =
        VpcEndpointConfig.builder()
            .provider(region.provider())
            .vpcId(network.vpcId())
            .serviceName(serviceName(region, service))
            .vpcEndpointType("Gateway")
            .routeTableIds(List.of(network.privateRouteTableId()));
    policy.ifPresent(endpoint::policy);
    VpcEndpoint gateway = new VpcEndpoint(this, "endpoint-" + service, endpoint.build());
    props
        .groups()
        .allowOut(
            "instances-to-" + service,
            props.groups().instances(),
            443,
            Peer.prefixList(gateway.getPrefixListId()),
            description);
  }

  private static String serviceName(Region region, String service) {
    return "com.amazonaws." + region.name() + "." + service;
  }
}
