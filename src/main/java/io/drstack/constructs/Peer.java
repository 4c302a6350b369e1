package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroup;
import java.util.function.BiConsumer;

/**
 * The other side of a security-group rule. Each kind sets the one field of the rule that names it,
 * so a rule can never carry two peers or none.
 */
public sealed interface Peer {

  /**
   * The three fields by which a rule of one direction names its peer; the generated ingress and
   * egress builders share no type.
   */
  record Fields<B>(
      BiConsumer<B, String> cidr, BiConsumer<B, String> group, BiConsumer<B, String> prefixList) {}

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

  /** Sets this peer's field on a rule under construction. */
  <B> void render(B rule, Fields<B> fields);

  /** An IPv4 range. */
  record Cidr(String block) implements Peer {
    @Override
    public <B> void render(B rule, Fields<B> fields) {
      fields.cidr().accept(rule, block);
    }
  }

  /** The members of a security group. */
  record Group(String securityGroupId) implements Peer {
    @Override
    public <B> void render(B rule, Fields<B> fields) {
      fields.group().accept(rule, securityGroupId);
    }
  }

  /** The addresses of a managed prefix list, such as a gateway endpoint's. */
  record PrefixList(String prefixListId) implements Peer {
    @Override
    public <B> void render(B rule, Fields<B> fields) {
      fields.prefixList().accept(rule, prefixListId);
    }
  }
}
