package io.drstack;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import io.drstack.config.DrConfig;
import io.drstack.config.StateBackend;
import io.drstack.constructs.GlobalTable;
import io.drstack.constructs.Region;
import io.drstack.constructs.RegionalKey;
import java.util.List;
import software.constructs.Construct;

/**
 * The whole disaster-recovery stack: read top to bottom, it is the architecture diagram. Values
 * cross regions only through {@link io.drstack.constructs.SsmHandOff}.
 */
public final class TapStack extends TerraformStack {

  public TapStack(Construct scope, DrConfig config) {
    super(scope, config.stackName());
    useBackend(config);
    String suffix = config.environmentSuffix();

    Region primary = region("primary", config.primary().region(), config);
    Region secondary = region("secondary", config.secondary().region(), config);

    RegionalKey primaryKey =
        new RegionalKey(this, "primary-key", new RegionalKey.Props(primary, suffix));
    RegionalKey secondaryKey =
        new RegionalKey(this, "secondary-key", new RegionalKey.Props(secondary, suffix));

    GlobalTable table =
        new GlobalTable(
            this,
            "global-table",
            new GlobalTable.Props(
                config.name("table"),
                primary,
                primaryKey,
                secondaryKey.arnHandOff(),
                config.table()));

    output("table_name", table.name(), "Name of the global table, the same in both regions");
    output("table_arn", table.arn(), "ARN of the global table in the primary region");
    output("primary_kms_key_arn", primaryKey.arn(), "Primary region's KMS key");
    output(
        "secondary_kms_key_arn",
        secondaryKey.arnHandOff().value(),
        "Secondary region's KMS key, as read from SSM");
    output(
        "kms_key_arn_parameters",
        List.of(primaryKey.arnHandOff().parameterName(), secondaryKey.arnHandOff().parameterName()),
        "SSM parameters holding each region's KMS key ARN");
  }

  private Region region(String alias, String name, DrConfig config) {
    AwsProvider provider =
        new AwsProvider(
            this,
            "aws-" + alias,
            AwsProviderConfig.builder()
                .alias(alias)
                .region(name)
                .defaultTags(List.of(AwsProviderDefaultTags.builder().tags(config.tags()).build()))
                .build());
    return new Region(this, "region-" + alias, name, provider);
  }

  private void useBackend(DrConfig config) {
    if (config.stateBackend() instanceof StateBackend.S3 s3) {
      var backend =
          S3BackendConfig.builder()
              .bucket(s3.bucket())
              .key(s3.key())
              .region(s3.region())
              .dynamodbTable(s3.lockTable())
              .encrypt(true);
      s3.kmsKeyId().ifPresent(backend::kmsKeyId);
      new S3Backend(this, backend.build());
    } else if (config.stateBackend() instanceof StateBackend.Local local) {
      new LocalBackend(this, LocalBackendConfig.builder().path(local.path()).build());
    }
  }

  private void output(String id, Object value, String description) {
    new TerraformOutput(
        this, id, TerraformOutputConfig.builder().value(value).description(description).build());
  }
}
