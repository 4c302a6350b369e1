package io.drstack.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.TerraformDataSource;
import com.hashicorp.cdktf.TerraformElement;
import com.hashicorp.cdktf.TerraformProviderGeneratorMetadata;
import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceConfig;
import com.hashicorp.cdktf.TerraformStack;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The one place where the stack writes what its Java bindings cannot express. The bindings
 * (cdktf-provider-aws 18.0.3) were generated for hashicorp/aws 5.23.1; the stack requires the
 * provider line its Terraform tiers run, {@value #REQUIRED_AWS_PROVIDER}, and uses a few of that
 * line's arguments, resource types and data sources. Each argument is an {@link Argument} here, set
 * through CDKTF's {@code addOverride} by the construct that owns the resource; each resource type a
 * {@link Resource} and each data source a {@link DataSource}, written through CDKTF's generic
 * blocks; all are checked by {@code terraform validate} with the real provider ({@code
 * TerraformValidateTest}). When bindings for the 6.x line exist, each constant becomes a typed
 * builder call and this class goes.
 */
public final class EscapeHatch {
  private EscapeHatch() {}

  /** The provider line the synthesized JSON requires: the one CI validates, plans and applies. */
  public static final String REQUIRED_AWS_PROVIDER = "~> 6.47.0";

  /** An argument of the 6.x provider line that the 5.23.1 bindings lack. */
  public enum Argument {
    /** {@code aws_dynamodb_table}: the replica refuses deletion like the table (provider 6.x). */
    REPLICA_DELETION_PROTECTION("replica.0.deletion_protection_enabled"),
    /**
     * {@code aws_autoscaling_group}: an instance refresh may launch up to this percentage of the
     * desired capacity, so it replaces instances launch-before-terminate (provider 5.32 and later).
     */
    INSTANCE_REFRESH_MAX_HEALTHY("instance_refresh.preferences.max_healthy_percentage"),
    /**
     * {@code aws_dynamodb_table}: the replica's multi-Region consistency, {@code STRONG} for MRSC
     * (provider 6.3 and later).
     */
    REPLICA_CONSISTENCY_MODE("replica.0.consistency_mode"),
    /**
     * {@code aws_dynamodb_table}: the witness region of an MRSC table with two copies, a list of
     * one {@code {region_name}} block (provider 6.22 and later).
     */
    GLOBAL_TABLE_WITNESS("global_table_witness"),
    /**
     * {@code aws_route53_health_check}: values whose change updates the check in place, so that
     * Route 53's copy of its alarm's configuration follows the alarm (provider 5.x, after 5.23).
     */
    HEALTH_CHECK_TRIGGERS("triggers");

    private final String path;

    Argument(String path) {
      this.path = path;
    }

    /** Where the argument sits in the resource's JSON body. */
    public String path() {
      return path;
    }
  }

  /** Sets {@code argument} on {@code resource}, which must be of the argument's resource type. */
  static void set(TerraformElement resource, Argument argument, Object value) {
    resource.addOverride(argument.path(), value);
  }

  /** A resource type of the 6.x line that the 5.23.1 bindings lack. */
  public enum Resource {
    /** {@code aws_arcregionswitch_plan}: an ARC Region switch plan (provider 6.29 and later). */
    REGION_SWITCH_PLAN("aws_arcregionswitch_plan");

    private final String type;

    Resource(String type) {
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  /** A data source of the 6.x line that the 5.23.1 bindings lack. */
  public enum DataSource {
    /** {@code aws_dynamodb_tables}: the names of every table in the region (provider 5.x). */
    DYNAMODB_TABLES("aws_dynamodb_tables"),
    /**
     * {@code aws_arcregionswitch_route53_health_checks}: the health checks a Region switch plan's
     * Route 53 step created (provider 6.29 and later).
     */
    REGION_SWITCH_HEALTH_CHECKS("aws_arcregionswitch_route53_health_checks");

    private final String type;

    DataSource(String type) {
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  /** A {@code data} block of {@code type} with these arguments, read through {@code region}. */
  static TerraformDataSource read(
      Construct scope, String id, DataSource type, Region region, Map<String, Object> arguments) {
    TerraformDataSource block =
        new TerraformDataSource(scope, id, config(type.type(), region).build());
    arguments.forEach(block::addOverride);
    return block;
  }

  /** A resource of {@code type} with this body, managed through {@code region}'s provider. */
  static TerraformResource create(
      Construct scope, String id, Resource type, Region region, Map<String, Object> body) {
    return create(scope, id, type, region, body, List.of());
  }

  /** {@link #create}, created only after {@code dependsOn}. */
  static TerraformResource create(
      Construct scope,
      String id,
      Resource type,
      Region region,
      Map<String, Object> body,
      List<? extends ITerraformDependable> dependsOn) {
    TerraformResource block =
        new TerraformResource(
            scope, id, config(type.type(), region).dependsOn(List.copyOf(dependsOn)).build());
    body.forEach(block::addOverride);
    return block;
  }

  private static TerraformResourceConfig.Builder config(String type, Region region) {
    return TerraformResourceConfig.builder()
        .terraformResourceType(type)
        .terraformGeneratorMetadata(
            TerraformProviderGeneratorMetadata.builder().providerName("aws").build())
        .provider(region.provider());
  }

  /**
   * The Terraform release that locks S3 state with a lock file next to it ({@code use_lockfile}),
   * which CDKTF 0.19.2's {@code S3BackendConfig} predates.
   */
  public static final String REQUIRED_TERRAFORM_FOR_S3_STATE = ">= 1.10.0";

  /**
   * Makes {@code backend} lock with Terraform's lock file, and {@code stack} require the release
   * that has it: an older Terraform would refuse the argument anyway, and this says why.
   */
  public static void lockWithLockFile(TerraformStack stack, S3Backend backend) {
    backend.addOverride("use_lockfile", true);
    stack.addOverride("terraform.required_version", REQUIRED_TERRAFORM_FOR_S3_STATE);
  }

  /** Makes {@code stack}'s JSON require {@link #REQUIRED_AWS_PROVIDER} instead of 5.23.1. */
  public static void requireAwsProvider(TerraformStack stack) {
    stack.addOverride("terraform.required_providers.aws.version", REQUIRED_AWS_PROVIDER);
  }
}
