package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import java.util.List;
import software.constructs.Construct;

/** A role with one trust statement and an inline policy of exactly the given statements. */
final class Role extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param region where the role is used (IAM itself is global: its name carries the region)
   * @param name the role's name, from {@link io.drstack.config.Names}
   * @param description what the role is for
   * @param trust who may assume the role ({@link #service}: an AWS service, for this account only)
   * @param permissions what the role may do
   */
  record Props(
      Region region,
      String name,
      String description,
      Policy.Statement trust,
      List<Policy.Statement> permissions) {}

  /** {@code service} may assume the role for this account only: the confused-deputy guard. */
  static Policy.Statement service(Region region, String service) {
    return Policy.allow("ServiceAssumesRole", List.of("sts:AssumeRole"), List.of())
        .principal("Service", service)
        .condition("StringEquals", "aws:SourceAccount", region.accountId());
  }

  private final IamRole role;

  Role(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    this.role =
        new IamRole(
            this,
            "role",
            IamRoleConfig.builder()
                .provider(region.provider())
                .name(props.name())
                .description(props.description())
                .assumeRolePolicy(Policy.document(this, "trust", region, List.of(props.trust())))
                .build());
    new IamRolePolicy(
        this,
        "policy",
        IamRolePolicyConfig.builder()
            .provider(region.provider())
            .name(props.name())
            .role(role.getId())
            .policy(Policy.document(this, "permissions", region, props.permissions()))
            .build());
  }

  String arn() {
    return role.getArn();
  }
}
