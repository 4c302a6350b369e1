package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * A role with one trust statement and an inline policy of exactly the given statements. A deployed
 * role whose blocks have other addresses, or whose policy has another name, keeps them through
 * {@link Props#keptAs}, so that building it with this construct replaces nothing.
 */
final class Role extends Construct implements Addresses.Addressed {

  /**
   * Inputs of the construct.
   *
   * @param region where the role is used (IAM itself is global: its name carries the region)
   * @param name the role's name, from {@link io.drstack.config.Names}
   * @param description what the role is for
   * @param trust who may assume the role ({@link #service}: an AWS service, for this account only)
   * @param permissions what the role may do
   * @param kept the deployed addresses and policy name to keep ({@link #keptAs}); empty for a new
   *     role, whose blocks are addressed below its id and whose policy is named as it is
   */
  record Props(
      Region region,
      String name,
      String description,
      Policy.Statement trust,
      List<Policy.Statement> permissions,
      Optional<Kept> kept) {

    /** A new role: its policy named as it is, its blocks addressed below its id. */
    Props(
        Region region,
        String name,
        String description,
        Policy.Statement trust,
        List<Policy.Statement> permissions) {
      this(region, name, description, trust, permissions, Optional.empty());
    }

    /**
     * The same role where a deployed one has its blocks addressed with {@code addressing} and its
     * inline policy named {@code policyName}: a new address or policy name would make Terraform
     * destroy and create them.
     */
    Props keptAs(Addresses.Mode addressing, String policyName) {
      return new Props(
          region,
          name,
          description,
          trust,
          permissions,
          Optional.of(new Kept(addressing, policyName)));
    }
  }

  /**
   * What a deployed role keeps.
   *
   * @param addressing how the role's id takes part in its blocks' addresses
   * @param policyName the inline policy's name
   */
  record Kept(Addresses.Mode addressing, String policyName) {}

  /**
   * {@code service} may assume the role for this account only: the confused-deputy guard, for a
   * service that documents {@code aws:SourceAccount} and no source ARN.
   */
  static Policy.Statement service(Region region, String service) {
    return Policy.allow("ServiceAssumesRole", List.of("sts:AssumeRole"), List.of())
        .principal("Service", service)
        .condition("StringEquals", "aws:SourceAccount", region.accountId());
  }

  /**
   * {@code service} may assume the role for this account's resources matching {@code sourceArn}
   * only, as AWS's confused-deputy guidance asks of a service that sends {@code aws:SourceArn}.
   */
  static Policy.Statement service(Region region, String service, String sourceArn) {
    return service(region, service).condition("ArnLike", "aws:SourceArn", sourceArn);
  }

  private final IamRole role;
  private final Addresses.Mode addressing;

  Role(Construct scope, String id, Props props) {
    super(scope, id);
    this.addressing = props.kept().map(Kept::addressing).orElse(Addresses.Mode.NESTED);
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
            .name(props.kept().map(Kept::policyName).orElse(props.name()))
            .role(role.getId())
            .policy(Policy.document(this, "permissions", region, props.permissions()))
            .build());
  }

  @Override
  public Addresses.Mode addressing() {
    return addressing;
  }

  String arn() {
    return role.getArn();
  }

  String name() {
    return role.getName();
  }
}
