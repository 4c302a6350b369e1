package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfile;
import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfileConfig;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import io.drstack.config.Names;
import java.util.List;
import software.constructs.Construct;

/**
 * What the application instances may do: register with Session Manager (instead of SSH) and write
 * their own log group. Nothing else.
 */
final class InstanceRole extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param region where the instances run
   * @param logGroupArn the application's log group
   */
  record Props(Region region, String logGroupArn) {}

  private final IamInstanceProfile profile;

  InstanceRole(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    Names names = region.names();
    IamRole role =
        new IamRole(
            this,
            "instance-role",
            IamRoleConfig.builder()
                .provider(region.provider())
                // IAM names are global: the region keeps the two regions' roles apart.
                .name(names.of("app", region.name()))
                .description("Application instances of the DR stack in " + region.name())
                .assumeRolePolicy(
                    Policy.document(
                        this,
                        "instance-trust",
                        region,
                        List.of(
                            Policy.allow("Ec2AssumesRole", List.of("sts:AssumeRole"), List.of())
                                .principal("Service", "ec2.amazonaws.com"))))
                .build());
    new IamRolePolicy(
        this,
        "instance-policy",
        IamRolePolicyConfig.builder()
            .provider(region.provider())
            .name(names.of("app"))
            .role(role.getId())
            .policy(
                Policy.document(
                    this,
                    "instance-permissions",
                    region,
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
                        Policy.allow(
                            "WriteApplicationLogs",
                            List.of(
                                "logs:CreateLogStream",
                                "logs:PutLogEvents",
                                "logs:DescribeLogStreams"),
                            List.of(props.logGroupArn(), props.logGroupArn() + ":log-stream:*")))))
            .build());
    this.profile =
        new IamInstanceProfile(
            this,
            "instance-profile",
            IamInstanceProfileConfig.builder()
                .provider(region.provider())
                .name(names.of("app", region.name()))
                .role(role.getName())
                .build());
  }

  String profileArn() {
    return profile.getArn();
  }
}
