package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentity;
import com.hashicorp.cdktf.providers.aws.data_aws_caller_identity.DataAwsCallerIdentityConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartition;
import com.hashicorp.cdktf.providers.aws.data_aws_partition.DataAwsPartitionConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import io.drstack.config.Names;
import software.constructs.Construct;

/**
 * One AWS region of the stack: its aliased provider and the account facts every construct in it
 * needs to build ARNs and names. Every resource in the region is created with {@link #provider()}.
 */
public final class Region extends Construct {
  private final String name;
  private final AwsProvider provider;
  private final DataAwsCallerIdentity caller;
  private final DataAwsPartition partition;
  private final Names names;

  public Region(Construct scope, String id, String name, AwsProvider provider, Names names) {
    super(scope, id);
    this.name = name;
    this.provider = provider;
    this.names = names;
    this.caller =
        new DataAwsCallerIdentity(
            this, "caller", DataAwsCallerIdentityConfig.builder().provider(provider).build());
    this.partition =
        new DataAwsPartition(
            this, "partition", DataAwsPartitionConfig.builder().provider(provider).build());
  }

  /** The region name, e.g. {@code us-east-2}. */
  public String name() {
    return name;
  }

  /** The stack's names: every construct in the region names its resources through them. */
  public Names names() {
    return names;
  }

  public AwsProvider provider() {
    return provider;
  }

  public String accountId() {
    return caller.getAccountId();
  }

  public String partition() {
    return partition.getPartition();
  }

  /** {@code arn:<partition>:<service>:<region>:<account>:<resource>} in this region. */
  public String arn(String service, String resource) {
    return "arn:" + partition() + ":" + service + ":" + name + ":" + accountId() + ":" + resource;
  }

  /**
   * An ARN of this account in {@code otherRegion}, from this region's account facts: a reference to
   * the other region's resource would cross regions, and its name is known.
   */
  public String arnIn(String otherRegion, String service, String resource) {
    return "arn:"
        + partition()
        + ":"
        + service
        + ":"
        + otherRegion
        + ":"
        + accountId()
        + ":"
        + resource;
  }

  /** {@code arn:<partition>:iam::<account>:<resource>}, for global IAM principals. */
  public String iamArn(String resource) {
    return "arn:" + partition() + ":iam::" + accountId() + ":" + resource;
  }

  /** {@code <service>.<region>.amazonaws.com}, as used by {@code kms:ViaService}. */
  public String serviceEndpoint(String service) {
    return service + "." + name + ".amazonaws.com";
  }
}
