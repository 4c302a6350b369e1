package io.drstack.support;

import com.hashicorp.cdktf.TerraformElement;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import io.drstack.constructs.Addresses;
import java.util.List;
import software.constructs.IConstruct;
import software.constructs.Node;

/**
 * A bare stack that addresses its blocks as the stack does, through {@link Addresses}: for
 * construct tests that need no whole synthesis.
 */
public final class AddressedStack extends TerraformStack {
  private final Addresses addresses = new Addresses();

  public AddressedStack(String id) {
    super(Testing.app(), id);
  }

  @Override
  protected String allocateLogicalId(Object element) {
    Node node = element instanceof TerraformElement block ? block.getNode() : (Node) element;
    List<IConstruct> scopes = node.getScopes();
    return addresses.allocate(scopes.subList(scopes.indexOf(this) + 1, scopes.size()));
  }
}
