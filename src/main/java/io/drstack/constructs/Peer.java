package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroup;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_egress_rule.VpcSecurityGroupEgressRuleConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRuleConfig;

/**
 * The other side of a security-group rule. Each kind renders the one field of the rule that names
 * it, so a rule can never carry two peers or none.
 */
public sealed interface Peer {

  /** Every IPv4 address: the internet. */
  static Peer anyIpv4() {
    return new Cidr("0.0.0.0/0");
  }

  static Peer group(SecurityGroup group) {
    return new Group(group.getId());
  }

  static Peer prefixList(String prefixListId) {
    return new PrefixList(prefixListId);
  }

  void renderInbound(VpcSecurityGroupIngressRuleConfig.Builder rule);

  void renderOutbound(VpcSecurityGroupEgressRuleConfig.Builder rule);

  /** An IPv4 range. */
  record Cidr(String block) implements Peer {
    @Override
    public void renderInbound(VpcSecurityGroupIngressRuleConfig.Builder rule) {
      rule.cidrIpv4(block);
    }

    @Override
    public void renderOutbound(VpcSecurityGroupEgressRuleConfig.Builder rule) {
      rule.cidrIpv4(block);
    }
  }

  /** The members of a security group. */
  record Group(String securityGroupId) implements Peer {
    @Override
    public void renderInbound(VpcSecurityGroupIngressRuleConfig.Builder rule) {
      rule.referencedSecurityGroupId(securityGroupId);
    }

    @Override
    public void renderOutbound(VpcSecurityGroupEgressRuleConfig.Builder rule) {
      rule.referencedSecurityGroupId(securityGroupId);
    }
  }

  /** The addresses of a managed prefix list, such as a gateway endpoint's. */
  record PrefixList(String prefixListId) implements Peer {
    @Override
    public void renderInbound(VpcSecurityGroupIngressRuleConfig.Builder rule) {
      rule.prefixListId(prefixListId);
    }

    @Override
    public void renderOutbound(VpcSecurityGroupEgressRuleConfig.Builder rule) {
      rule.prefixListId(prefixListId);
    }
  }
}
