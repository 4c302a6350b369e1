package io.drstack.constructs;

import com.hashicorp.cdktf.Precondition;
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
import io.drstack.config.TableConsistency;
import io.drstack.config.TableSettings;
import java.util.List;
import java.util.Map;
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
    TableConsistency consistency = props.settings().consistency();
    String name = primary.names().table(consistency);
    var config =
        DynamodbTableConfig.builder()
            .provider(primary.provider())
            .name(name)
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
                TerraformResourceLifecycle.builder()
                    .preventDestroy(props.preventDestroy())
                    .precondition(List.of(noTableOfTheOtherMode(primary, consistency)))
                    .build())
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
    if (consistency == TableConsistency.STRONG) {
      EscapeHatch.set(table, EscapeHatch.Argument.REPLICA_CONSISTENCY_MODE, "STRONG");
      EscapeHatch.set(
          table,
          EscapeHatch.Argument.GLOBAL_TABLE_WITNESS,
          List.of(Map.of("region_name", props.settings().witnessRegion().orElseThrow())));
    }
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
            .tableName(name)
            .dependsOn(List.of(table))
            .build());
  }

  /**
   * A table's consistency mode is fixed when it is created, and the provider would answer a change
   * by deleting the replica. Each mode names its table differently; while a table of the other mode
   * exists in the primary region, every plan stops here, before anything changes.
   */
  private Precondition noTableOfTheOtherMode(Region primary, TableConsistency consistency) {
    TableConsistency other =
        consistency == TableConsistency.EVENTUAL
            ? TableConsistency.STRONG
            : TableConsistency.EVENTUAL;
    String otherName = primary.names().table(other);
    var existing =
        EscapeHatch.read(
            this, "existing-tables", EscapeHatch.DataSource.DYNAMODB_TABLES, primary, Map.of());
    // The provider reads an account without tables as null, which contains() refuses.
    String names = existing.getFqn() + ".names";
    return Precondition.builder()
        .condition(
            "${!contains(" + names + " == null ? [] : " + names + ", \"" + otherName + "\")}")
        .errorMessage(
            "The table "
                + otherName
                + " exists in "
                + primary.name()
                + " with "
                + other.value()
                + " consistency, and a table's consistency cannot change: tableConsistency (cdktf.json"
                + " context \"tableConsistency\" or env DR_TABLE_CONSISTENCY) is "
                + consistency.value()
                + ". Set it back to "
                + other.value()
                + ", or move the data to a new table as help/operations.md, \"Changing the table's"
                + " consistency\", describes.")
        .build();
  }

  public String name() {
    return table.getName();
  }

  public String arn() {
    return table.getArn();
  }
}
