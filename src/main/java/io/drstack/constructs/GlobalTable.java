package io.drstack.constructs;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.dynamodb_contributor_insights.DynamodbContributorInsights;
import com.hashicorp.cdktf.providers.aws.dynamodb_contributor_insights.DynamodbContributorInsightsConfig;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTable;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTableAttribute;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTableConfig;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTablePointInTimeRecovery;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTableReplica;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTableServerSideEncryption;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTableTtl;
import io.drstack.config.TableSettings;
import java.util.List;
import software.constructs.Construct;

/**
 * A DynamoDB global table (version 2019.11.21): created in the primary region with a replica in the
 * secondary region. Each copy is encrypted with its own region's key; the replica's key ARN arrives
 * through SSM, never as a reference to the secondary key.
 */
public final class GlobalTable extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param primary region that creates the table
   * @param primaryKey key of the primary region
   * @param secondaryKeyArn the secondary key's ARN hand-off
   * @param preventDestroy Terraform refuses a plan that would destroy or replace the table
   */
  public record Props(
      Region primary,
      RegionalKey primaryKey,
      SsmHandOff secondaryKeyArn,
      TableSettings settings,
      boolean preventDestroy) {}

  public static final String PARTITION_KEY = "pk";
  public static final String SORT_KEY = "sk";

  private final DynamodbTable table;

  public GlobalTable(Construct scope, String id, Props props) {
    super(scope, id);
    Region primary = props.primary();
    Region secondary = props.secondaryKeyArn().region();
    var config =
        DynamodbTableConfig.builder()
            .provider(primary.provider())
            .name(primary.names().table())
            .billingMode("PAY_PER_REQUEST")
            .hashKey(PARTITION_KEY)
            .rangeKey(SORT_KEY)
            .attribute(
                List.of(
                    DynamodbTableAttribute.builder().name(PARTITION_KEY).type("S").build(),
                    DynamodbTableAttribute.builder().name(SORT_KEY).type("S").build()))
            // Global tables replicate through the stream.
            .streamEnabled(true)
            .streamViewType("NEW_AND_OLD_IMAGES")
            .serverSideEncryption(
                DynamodbTableServerSideEncryption.builder()
                    .enabled(true)
                    .kmsKeyArn(props.primaryKey().arn())
                    .build())
            .pointInTimeRecovery(DynamodbTablePointInTimeRecovery.builder().enabled(true).build())
            .deletionProtectionEnabled(props.settings().deletionProtection())
            .lifecycle(
                TerraformResourceLifecycle.builder().preventDestroy(props.preventDestroy()).build())
            .replica(
                List.of(
                    DynamodbTableReplica.builder()
                        .regionName(secondary.name())
                        .kmsKeyArn(props.secondaryKeyArn().value())
                        .pointInTimeRecovery(true)
                        .propagateTags(true)
                        .build()));
    props
        .settings()
        .ttlAttribute()
        .ifPresent(
            attribute ->
                config.ttl(
                    DynamodbTableTtl.builder().attributeName(attribute).enabled(true).build()));
    this.table = new DynamodbTable(this, "table", config.build());
    // A replica is a table of its own: DeleteTable in its region would drop it without this.
    EscapeHatch.set(
        table,
        EscapeHatch.Argument.REPLICA_DELETION_PROTECTION,
        props.settings().deletionProtection());

    new DynamodbContributorInsights(
        this,
        "insights-" + primary.name(),
        DynamodbContributorInsightsConfig.builder()
            .provider(primary.provider())
            .tableName(table.getName())
            .build());
    // The replica exists only once the table does; the name is known, so only the order crosses.
    new DynamodbContributorInsights(
        this,
        "insights-" + secondary.name(),
        DynamodbContributorInsightsConfig.builder()
            .provider(secondary.provider())
            .tableName(primary.names().table())
            .dependsOn(List.of(table))
            .build());
  }

  public String name() {
    return table.getName();
  }

  public String arn() {
    return table.getArn();
  }
}
