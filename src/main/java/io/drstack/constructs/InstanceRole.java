package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfile;
import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfileConfig;
import io.drstack.config.CanarySettings;
import io.drstack.config.Names;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/**
 * What the application instances may do: register with Session Manager (instead of SSH), write
 * their own log group, read items of their own region's replica of the table and write only their
 * own region's heartbeat there, and, with the canary, publish to its namespace. Nothing else. The
 * region's key lets DynamoDB use it for them (its key policy), so the role holds no kms:* itself.
 */
final class InstanceRole extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param region where the instances run
   * @param logGroupArn the application's log group
   * @param tableArn the table's ARN in {@code region}: its replica there, and no other
   * @param canary the canary publishes to its namespace
   */
  record Props(Region region, String logGroupArn, String tableArn, CanarySettings canary) {}

  /**
   * The item actions the canary uses (a heartbeat written, the other region's read); an application
   * that needs more adds them here. No table management, no scans, no deletes.
   */
  static final List<String> TABLE_ITEM_ACTIONS = List.of("dynamodb:GetItem", "dynamodb:PutItem");

  /** The canary's heartbeat items: partition key {@code dr-canary#<region>}. */
  private static final String HEARTBEAT_KEY_PREFIX = "dr-canary#";

  private final IamInstanceProfile profile;

  InstanceRole(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    Names names = region.names();
    Role role =
        new Role(
            this,
            "instance",
            new Role.Props(
                    region,
                    // IAM names are global: the region keeps the two regions' roles apart.
                    names.of("app", region.name()),
                    "Application instances of the DR stack in " + region.name(),
                    Policy.allow("Ec2AssumesRole", List.of("sts:AssumeRole"), List.of())
                        .principal("Service", "ec2.amazonaws.com"),
                    permissions(props))
                .keptAs(Addresses.Mode.PREFIX, names.of("app")));
    this.profile =
        new IamInstanceProfile(
            this,
            "instance-profile",
            IamInstanceProfileConfig.builder()
                .provider(region.provider())
                .name(profileName(region))
                .role(role.name())
                .build());
  }

  private static List<Policy.Statement> permissions(Props props) {
    Region region = props.region();
    List<Policy.Statement> statements =
        new ArrayList<>(
            List.of(
                Policy.allow(
                    "SessionManagerRegistersInstance",
                    List.of("ssm:UpdateInstanceInformation"),
                    List.of(region.arn("ec2", "instance/*"))),
                // These Session Manager actions support no resource-level permissions.
                Policy.allow(
                    "SessionManagerChannels",
                    List.of(
                        "ssmmessages:CreateControlChannel",
                        "ssmmessages:CreateDataChannel",
                        "ssmmessages:OpenControlChannel",
                        "ssmmessages:OpenDataChannel",
                        "ec2messages:AcknowledgeMessage",
                        "ec2messages:DeleteMessage",
                        "ec2messages:FailMessage",
                        "ec2messages:GetEndpoint",
                        "ec2messages:GetMessages",
                        "ec2messages:SendReply"),
                    List.of("*")),
                // The agent signs its reads of AWS's buckets with the instance's credentials: the
                // role must allow them as the S3 endpoint does (Systems Manager User Guide, "SSM
                // Agent communications with AWS managed S3 buckets").
                Policy.allow(
                    "ReadSsmAgentBuckets",
                    List.of("s3:GetObject"),
                    PrivateEndpoints.ssmAgentBuckets(region).stream()
                        .map(arn -> arn + "/*")
                        .toList()),
                Policy.allow(
                    "WriteApplicationLogs",
                    List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                    List.of(props.logGroupArn(), props.logGroupArn() + ":log-stream:*")),
                // The region's own replica: an instance never reaches across to the other's. It
                // reads both regions' heartbeats, and writes only its own region's: a forged
                // heartbeat of the other region would hide that region's silence.
                Policy.allow(
                    "ReadOwnRegionsReplica",
                    List.of("dynamodb:GetItem"),
                    List.of(props.tableArn())),
                Policy.allow(
                        "WriteOwnRegionsHeartbeat",
                        List.of("dynamodb:PutItem"),
                        List.of(props.tableArn()))
                    .condition(
                        "ForAllValues:StringEquals",
                        "dynamodb:LeadingKeys",
                        HEARTBEAT_KEY_PREFIX + region.name())));
    if (props.canary().enabled()) {
      // PutMetricData supports no resource-level permissions; the namespace condition bounds it.
      statements.add(
          Policy.allow("PublishCanaryMetric", List.of("cloudwatch:PutMetricData"), List.of("*"))
              .condition("StringEquals", "cloudwatch:namespace", props.canary().namespace()));
    }
    return statements;
  }

  String profileArn() {
    return profile.getArn();
  }

  /** The instance profile's name: IAM names are global, so the region is part of it. */
  static String profileName(Region region) {
    return region.names().of("app", region.name());
  }

  /** The instance profile's ARN, from its name and the account: it has the default path. */
  static String profileArnOf(Region region) {
    return region.iamArn("instance-profile/" + profileName(region));
  }
}
