package io.drstack.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroup;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroupConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_egress_rule.VpcSecurityGroupEgressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_egress_rule.VpcSecurityGroupEgressRuleConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRuleConfig;
import java.util.List;
import software.constructs.Construct;

/**
 * The region's security groups, one per tier: internet → load balancer → instances → VPC endpoints.
 * Each rule allows one TCP port to or from one {@link Peer}; nothing else is allowed, and there is
 * no SSH anywhere.
 */
final class SecurityGroups extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param region where the VPC lives
   * @param vpcId the VPC the groups belong to
   * @param appPort the port the instances serve on
   */
  record Props(Region region, String vpcId, int appPort) {}

  private static final String TCP = "tcp";
  private static final Peer.Fields<VpcSecurityGroupIngressRuleConfig.Builder> INBOUND =
      new Peer.Fields<>(
          VpcSecurityGroupIngressRuleConfig.Builder::cidrIpv4,
          VpcSecurityGroupIngressRuleConfig.Builder::referencedSecurityGroupId,
          VpcSecurityGroupIngressRuleConfig.Builder::prefixListId);
  private static final Peer.Fields<VpcSecurityGroupEgressRuleConfig.Builder> OUTBOUND =
      new Peer.Fields<>(
          VpcSecurityGroupEgressRuleConfig.Builder::cidrIpv4,
          VpcSecurityGroupEgressRuleConfig.Builder::referencedSecurityGroupId,
          VpcSecurityGroupEgressRuleConfig.Builder::prefixListId);

  private final Region region;
  private final int appPort;
  private final SecurityGroup loadBalancer;
  private final SecurityGroup instances;
  private final SecurityGroup endpoints;

  SecurityGroups(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    this.appPort = props.appPort();
    this.loadBalancer = group("alb", props, "Load balancer: HTTP and HTTPS from anywhere");
    this.instances = group("instances", props, "Instances: app port from the load balancer only");
    this.endpoints = group("endpoints", props, "VPC endpoints: HTTPS from the instances only");
    for (int listenerPort : List.of(80, 443)) {
      allowIn(
          "alb-from-internet-" + listenerPort,
          loadBalancer,
          listenerPort,
          Peer.anyIpv4(),
          "Clients on port " + listenerPort);
    }
    allowOut(
        "instances-to-endpoints",
        instances,
        443,
        Peer.group(endpoints),
        "Systems Manager and CloudWatch Logs endpoints");
    allowIn(
        "endpoints-from-instances",
        endpoints,
        443,
        Peer.group(instances),
        "HTTPS from the instances");
  }

  SecurityGroup loadBalancer() {
    return loadBalancer;
  }

  SecurityGroup instances() {
    return instances;
  }

  SecurityGroup endpoints() {
    return endpoints;
  }

  /**
   * The app port from the load balancer to the instances, once {@code targetGroup} exists: the
   * rules change only after it has been replaced. A new app port replaces the target group, and AWS
   * refuses to delete one that a listener uses; without this order the rules would move to the new
   * port while the instances and the old target group stay on the old one, and every target of both
   * regions would fail its health check. With it, the apply stops at that refusal and the region
   * keeps serving on the old port.
   */
  void allowAppPort(ITerraformDependable targetGroup) {
    allowOut(
        "alb-to-instances",
        loadBalancer,
        appPort,
        Peer.group(instances),
        "Requests and health checks to the instances",
        targetGroup);
    allowIn(
        "instances-from-alb",
        instances,
        appPort,
        Peer.group(loadBalancer),
        "Requests and health checks from the load balancer",
        targetGroup);
  }

  /**
   * Allows TCP on {@code port} into {@code group} from {@code peer}; the rule changes only after
   * the resources {@code after}.
   */
  void allowIn(
      String id,
      SecurityGroup group,
      int port,
      Peer peer,
      String description,
      ITerraformDependable... after) {
    var rule = VpcSecurityGroupIngressRuleConfig.builder().provider(region.provider());
    peer.render(rule.securityGroupId(group.getId()).description(description), INBOUND);
    new VpcSecurityGroupIngressRule(
        this, id, rule.ipProtocol(TCP).fromPort(port).toPort(port).dependsOn(of(after)).build());
  }

  /**
   * Allows TCP on {@code port} out of {@code group} to {@code peer}; the rule changes only after
   * the resources {@code after}.
   */
  void allowOut(
      String id,
      SecurityGroup group,
      int port,
      Peer peer,
      String description,
      ITerraformDependable... after) {
    var rule = VpcSecurityGroupEgressRuleConfig.builder().provider(region.provider());
    peer.render(rule.securityGroupId(group.getId()).description(description), OUTBOUND);
    new VpcSecurityGroupEgressRule(
        this, id, rule.ipProtocol(TCP).fromPort(port).toPort(port).dependsOn(of(after)).build());
  }

  /** The dependencies of a rule, none as none: an empty list would write {@code depends_on}. */
  private static List<ITerraformDependable> of(ITerraformDependable... after) {
    return after.length == 0 ? null : List.of(after);
  }

  private SecurityGroup group(String tier, Props props, String description) {
    return new SecurityGroup(
        this,
        tier + "-security-group",
        SecurityGroupConfig.builder()
            .provider(region.provider())
            .name(region.names().of(tier))
            .description(description)
            .vpcId(props.vpcId())
            .build());
  }
}
