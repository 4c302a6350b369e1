package io.drstack.constructs;

import static io.drstack.support.TfAssert.hasResource;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameter;
import com.hashicorp.cdktf.providers.aws.dynamodb_contributor_insights.DynamodbContributorInsights;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTable;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import io.drstack.config.TableConsistency;
import io.drstack.support.AllStacks;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class GlobalTableTest {

  /** The whole of an expression that is one attribute of one data source: {@code ${data.T.N.a}}. */
  private static final Pattern DATA_ATTRIBUTE =
      Pattern.compile("\\$\\{(data\\.[a-z0-9_]+\\.[A-Za-z0-9_-]+)\\.([a-z_]+)}");

  private static Block table(Synthesized stack) {
    List<Block> tables = TfJson.blocks(stack.tree(), false, DynamodbTable.TF_RESOURCE_TYPE);
    assertEquals(1, tables.size(), tables::toString);
    return tables.get(0);
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void oneOnDemandTableWithStreamsInThePrimaryRegion(Synthesized stack) {
    hasResource(
        stack,
        DynamodbTable.TF_RESOURCE_TYPE,
        Map.of(
            "name",
            stack.names().table(stack.config().table().consistency()),
            "provider",
            "aws.primary",
            "billing_mode",
            "PAY_PER_REQUEST",
            "hash_key",
            GlobalTable.PARTITION_KEY,
            "range_key",
            GlobalTable.SORT_KEY,
            "stream_enabled",
            true,
            "stream_view_type",
            "NEW_AND_OLD_IMAGES",
            "point_in_time_recovery",
            Map.of("enabled", true)));
    JsonNode body = table(stack).body();
    assertFalse(body.has("read_capacity"), "on demand");
    assertFalse(body.has("write_capacity"), "on demand");
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void encryptedWithThePrimaryRegionsKey(Synthesized stack) {
    Block primaryKey = TfJson.only(stack.tree(), false, KmsKey.TF_RESOURCE_TYPE, "aws.primary");
    hasResource(
        stack,
        DynamodbTable.TF_RESOURCE_TYPE,
        Map.of(
            "server_side_encryption",
            Map.of("enabled", true, "kms_key_arn", "${" + primaryKey.address() + ".arn}")));
  }

  @Test
  void deletionProtectionAndTtlFollowConfiguration() {
    hasResource(
        Stacks.defaults(),
        DynamodbTable.TF_RESOURCE_TYPE,
        Map.of(
            "deletion_protection_enabled",
            true,
            "ttl",
            Map.of("attribute_name", "expiresAt", "enabled", true)));

    Synthesized alternative = Stacks.alternative();
    assertFalse(alternative.config().table().deletionProtection());
    hasResource(
        alternative, DynamodbTable.TF_RESOURCE_TYPE, Map.of("deletion_protection_enabled", false));
    assertFalse(table(alternative).body().has("ttl"), "empty TTL attribute turns TTL off");
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void terraformRefusesToDestroyTheTableUnlessTurnedOff(Synthesized stack) {
    assertEquals(
        stack.config().preventDestroy(),
        TfJson.preventDestroy(table(stack).body()),
        () -> "lifecycle of " + table(stack).body().path("lifecycle"));
  }

  @Test
  void preventDestroyIsOnByDefaultAndOffInTheAlternative() {
    assertTrue(Stacks.defaults().config().preventDestroy());
    assertTrue(TfJson.preventDestroy(table(Stacks.defaults()).body()));
    assertFalse(Stacks.alternative().config().preventDestroy());
    assertFalse(TfJson.preventDestroy(table(Stacks.alternative()).body()));
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void replicaInTheSecondaryRegionUsesTheSecondaryKeyReadFromSsm(Synthesized stack) {
    String secondaryRegion = stack.config().secondary().region();
    JsonNode replicas = table(stack).body().path("replica");
    assertEquals(1, replicas.size(), replicas::toString);
    JsonNode replica = replicas.get(0);
    assertAll(
        () -> assertEquals(secondaryRegion, replica.path("region_name").asText()),
        () -> assertTrue(replica.path("point_in_time_recovery").asBoolean(false), "PITR"),
        () -> assertTrue(replica.path("propagate_tags").asBoolean(false), "propagate_tags"));

    String kmsKeyArn = replica.path("kms_key_arn").asText();
    Matcher expression = DATA_ATTRIBUTE.matcher(kmsKeyArn);
    assertTrue(expression.matches(), () -> "kms_key_arn is one data attribute: " + kmsKeyArn);
    Block source = TfJson.byAddress(stack.tree()).get(expression.group(1));
    assertNotNull(source, kmsKeyArn);
    assertAll(
        () -> assertTrue(source.data()),
        () -> assertEquals(DataAwsSsmParameter.TF_RESOURCE_TYPE, source.type()),
        () -> assertEquals("aws.secondary", source.provider().orElseThrow()),
        () ->
            assertEquals(
                "/dr/" + stack.config().environmentSuffix() + "/kms-key-arn/" + secondaryRegion,
                source.literal("name").orElseThrow()),
        () -> assertEquals("insecure_value", expression.group(2)));
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void contributorInsightsInBothRegions(Synthesized stack) {
    Block table = table(stack);
    String tableName = stack.names().table(stack.config().table().consistency());
    Map<String, JsonNode> insights = stack.resources(DynamodbContributorInsights.TF_RESOURCE_TYPE);
    assertEquals(2, insights.size(), insights::toString);

    Block primary =
        TfJson.only(
            stack.tree(), false, DynamodbContributorInsights.TF_RESOURCE_TYPE, "aws.primary");
    assertEquals("${" + table.address() + ".name}", primary.body().path("table_name").asText());

    // The replica has the table's name; the reference would cross regions, so the literal is used
    // and only the order is declared.
    Block secondary =
        TfJson.only(
            stack.tree(), false, DynamodbContributorInsights.TF_RESOURCE_TYPE, "aws.secondary");
    assertEquals(tableName, secondary.body().path("table_name").asText());
    assertEquals(table.address(), secondary.body().path("depends_on").path(0).asText());
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void aStronglyConsistentTableHasAStrongReplicaAndAWitnessAnEventualOneNeither(Synthesized stack) {
    JsonNode body = table(stack).body();
    JsonNode mode = TfJson.at(body, EscapeHatch.Argument.REPLICA_CONSISTENCY_MODE.path());
    JsonNode witness = body.path(EscapeHatch.Argument.GLOBAL_TABLE_WITNESS.path());
    if (stack.config().table().consistency() == TableConsistency.STRONG) {
      assertEquals("STRONG", mode.asText());
      assertEquals(1, witness.size(), witness::toString);
      assertEquals("us-west-2", witness.path(0).path("region_name").asText());
      assertFalse(body.has("ttl"), "MRSC has no TTL");
      assertEquals(1, body.path("replica").size(), "two copies and a witness");
    } else {
      assertTrue(mode.isMissingNode(), () -> "provider default EVENTUAL: " + body);
      assertTrue(witness.isMissingNode(), body::toString);
    }
  }

  /** A plan over a table of the other mode stops before anything changes (help/operations.md). */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyPlanStopsWhileATableOfTheOtherModeExists(Synthesized stack) {
    TableConsistency mode = stack.config().table().consistency();
    TableConsistency other =
        mode == TableConsistency.STRONG ? TableConsistency.EVENTUAL : TableConsistency.STRONG;
    String otherName = stack.names().table(other);
    assertNotEquals(stack.names().table(mode), otherName, "each mode its own name");
    JsonNode precondition = table(stack).body().path("lifecycle").path("precondition");
    assertEquals(1, precondition.size(), precondition::toString);
    Block tables =
        TfJson.only(
            stack.tree(), true, EscapeHatch.DataSource.DYNAMODB_TABLES.type(), "aws.primary");
    assertEquals(
        "${!try(contains(" + tables.address() + ".names, \"" + otherName + "\"), false)}",
        precondition.path(0).path("condition").asText());
    String message = precondition.path(0).path("error_message").asText();
    for (String fragment :
        List.of(otherName, "tableConsistency", "DR_TABLE_CONSISTENCY", "Changing the table's")) {
      assertTrue(message.contains(fragment), () -> fragment + " in: " + message);
    }
  }
}
