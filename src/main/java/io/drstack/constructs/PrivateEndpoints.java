package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpointConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The only ways out of the private subnets: Systems Manager and CloudWatch Logs (and, with the
 * canary, CloudWatch metrics) through interface endpoints, the Amazon Linux package repositories
 * and the SSM Agent's buckets through the S3 gateway endpoint, and the region's replica of the
 * table through the DynamoDB gateway endpoint.
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

  /**
   * Interface endpoints that only this account's principals may use. AWS documents endpoint
   * policies for Systems Manager's API, CloudWatch Logs and CloudWatch, not for Session Manager's
   * message channels (ssmmessages, ec2messages), which take AWS's default policy.
   */
  private static final Map<String, String> ACCOUNT_ONLY_ENDPOINTS =
      Map.of("ssm", "ssm", "logs", "logs", "monitoring", "cloudwatch");

  /** Session Manager (three services) and the instances' logs. */
  private static final List<String> INTERFACE_ENDPOINTS =
      List.of("ssm", "ssmmessages", "ec2messages", "logs");

  PrivateEndpoints(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    Network network = props.network();
    // dnf reads the region's Amazon Linux 2023 repository, and the SSM Agent the buckets AWS lists
    // for it behind an S3 endpoint: public buckets of AWS's, read only. Nothing else is read, and
    // nothing written, through this path.
    gateway(
        props,
        "s3",
        Optional.of(
            Policy.document(
                this,
                "s3-endpoint-policy",
                region,
                List.of(
                    Policy.allow(
                            "ReadAmazonLinuxRepositoryOnly",
                            List.of("s3:GetObject"),
                            List.of(amazonLinuxRepository(region) + "/*"))
                        .principal("*", "*"),
                    Policy.allow(
                            "ReadSsmAgentBucketsOnly",
                            List.of("s3:GetObject"),
                            ssmAgentBuckets(region).stream().map(arn -> arn + "/*").toList())
                        .principal("*", "*")))),
        // The rule's description is kept as deployed: the endpoint's policy says what it reaches.
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
      var endpoint =
          VpcEndpointConfig.builder()
              .provider(region.provider())
              .vpcId(network.vpcId())
              .serviceName(serviceName(region, service))
              .vpcEndpointType("Interface")
              .privateDnsEnabled(true)
              .subnetIds(network.privateSubnetIds())
              .securityGroupIds(List.of(props.groups().endpoints().getId()));
      if (ACCOUNT_ONLY_ENDPOINTS.containsKey(service)) {
        endpoint.policy(
            Policy.document(
                this,
                service + "-endpoint-policy",
                region,
                List.of(
                    Policy.allow(
                            "ThisAccountsPrincipalsOnly",
                            List.of(ACCOUNT_ONLY_ENDPOINTS.get(service) + ":*"),
                            List.of("*"))
                        .principal("AWS", "*")
                        .condition("StringEquals", "aws:PrincipalAccount", region.accountId()))));
      }
      new VpcEndpoint(this, "endpoint-" + service, endpoint.build());
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

  /**
   * The bucket of the region's Amazon Linux 2023 repositories, which the AMI's dnf configuration
   * names (AWS publishes it for restrictive S3 endpoint policies).
   */
  private static String amazonLinuxRepository(Region region) {
    return "arn:" + region.partition() + ":s3:::al2023-repos-" + region.name() + "-de612dc2";
  }

  /**
   * The AWS buckets an SSM Agent on Linux reads through an S3 endpoint (Systems Manager User Guide,
   * "SSM Agent communications with AWS managed S3 buckets"): its own updates ({@code
   * amazon-ssm-<region>}), the modules of AWS's documents such as {@code AWS-RunPatchBaseline}
   * ({@code aws-ssm-<region>}) and patch baseline snapshots ({@code
   * patch-baseline-snapshot-<region>}, which in me-south-1 alone has a suffix). The guide's other
   * buckets serve Windows, macOS and Distributor packages, which the stack does not run.
   */
  static List<String> ssmAgentBuckets(Region region) {
    String name = region.name();
    String snapshots =
        name.equals("me-south-1")
            ? "patch-baseline-snapshot-me-south-1-uduvl7q8"
            : "patch-baseline-snapshot-" + name;
    return List.of(
        bucketArn(region, "amazon-ssm-" + name),
        bucketArn(region, "aws-ssm-" + name),
        bucketArn(region, snapshots));
  }

  private static String bucketArn(Region region, String bucket) {
    return "arn:" + region.partition() + ":s3:::" + bucket;
  }

  private static String serviceName(Region region, String service) {
    return "com.amazonaws." + region.name() + "." + service;
  }
}
