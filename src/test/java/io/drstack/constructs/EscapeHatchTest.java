package io.drstack.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroup;
import com.hashicorp.cdktf.providers.aws.dynamodb_table.DynamodbTable;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import io.drstack.support.AllStacks;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the stack writes past its 5.23.1 bindings: the 6.x provider requirement and each {@link
 * EscapeHatch.Argument}, on the resources that need it.
 */
class EscapeHatchTest {

  /** The resource type each argument belongs to. */
  private static final Map<EscapeHatch.Argument, String> TYPE_OF =
      Map.of(
          EscapeHatch.Argument.REPLICA_DELETION_PROTECTION, DynamodbTable.TF_RESOURCE_TYPE,
          EscapeHatch.Argument.INSTANCE_REFRESH_MAX_HEALTHY, AutoscalingGroup.TF_RESOURCE_TYPE,
          EscapeHatch.Argument.REPLICA_CONSISTENCY_MODE, DynamodbTable.TF_RESOURCE_TYPE,
          EscapeHatch.Argument.GLOBAL_TABLE_WITNESS, DynamodbTable.TF_RESOURCE_TYPE,
          EscapeHatch.Argument.HEALTH_CHECK_TRIGGERS, Route53HealthCheck.TF_RESOURCE_TYPE);

  /** The arguments only a strongly consistent table has (see GlobalTableTest). */
  private static final Set<EscapeHatch.Argument> STRONG_ONLY =
      Set.of(
          EscapeHatch.Argument.REPLICA_CONSISTENCY_MODE, EscapeHatch.Argument.GLOBAL_TABLE_WITNESS);

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theStackRequiresTheProviderLineItsTerraformTiersRun(Synthesized stack) {
    JsonNode aws = stack.tree().path("terraform").path("required_providers");
    assertEquals("~> 6.47.0", EscapeHatch.REQUIRED_AWS_PROVIDER);
    assertEquals(EscapeHatch.REQUIRED_AWS_PROVIDER, aws.path("aws").path("version").asText());
    assertEquals(1, aws.size(), () -> "only the aws provider: " + aws);
  }

  @ParameterizedTest
  @EnumSource(EscapeHatch.Argument.class)
  void everyArgumentIsSetOnEveryResourceOfItsType(EscapeHatch.Argument argument) {
    String type = TYPE_OF.get(argument);
    assertTrue(type != null, () -> argument + " has no resource type in TYPE_OF: add it");
    List<Synthesized> stacks =
        STRONG_ONLY.contains(argument)
            ? List.of(Stacks.strong())
            : List.of(Stacks.defaults(), Stacks.alternative());
    for (Synthesized stack : stacks) {
      List<Block> blocks =
          TfJson.blocks(stack.tree(), false, type).stream()
              // Only a check that follows an alarm has one to keep up with.
              .filter(
                  block ->
                      argument != EscapeHatch.Argument.HEALTH_CHECK_TRIGGERS
                          || "CLOUDWATCH_METRIC".equals(block.body().path("type").asText()))
              .toList();
      assertFalse(blocks.isEmpty(), type);
      for (Block block : blocks) {
        assertFalse(
            TfJson.at(block.body(), argument.path()).isMissingNode(),
            () -> block + " lacks " + argument.path() + ": " + block.body());
      }
    }
  }

  @Test
  void theReplicaRefusesDeletionLikeTheTable() {
    for (Synthesized stack : List.of(Stacks.defaults(), Stacks.alternative())) {
      boolean protection = stack.config().table().deletionProtection();
      Block table = TfJson.only(stack.tree(), false, DynamodbTable.TF_RESOURCE_TYPE, "aws.primary");
      assertEquals(
          protection, table.body().path("deletion_protection_enabled").asBoolean(!protection));
      JsonNode replica =
          TfJson.at(table.body(), EscapeHatch.Argument.REPLICA_DELETION_PROTECTION.path());
      assertTrue(replica.isBoolean(), () -> "a boolean: " + table.body().path("replica"));
      assertEquals(protection, replica.asBoolean(), stack.config().environmentSuffix());
      assertEquals(1, table.body().path("replica").size(), "the override added no second replica");
    }
    assertEquals(
        "replica.0.deletion_protection_enabled",
        EscapeHatch.Argument.REPLICA_DELETION_PROTECTION.path());
    assertTrue(Stacks.defaults().config().table().deletionProtection());
    assertFalse(Stacks.alternative().config().table().deletionProtection(), "both exercised");
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void instanceRefreshLaunchesBeforeItTerminates(Synthesized stack) {
    for (String provider : List.of("aws.primary", "aws.secondary")) {
      JsonNode group =
          TfJson.only(stack.tree(), false, AutoscalingGroup.TF_RESOURCE_TYPE, provider).body();
      assertEquals("Rolling", group.path("instance_refresh").path("strategy").asText(), provider);
      // Never below the desired capacity, up to twice it: a one-instance standby keeps serving.
      assertEquals(
          100,
          TfJson.at(group, "instance_refresh.preferences.min_healthy_percentage").asInt(),
          provider);
      assertEquals(
          200,
          TfJson.at(group, EscapeHatch.Argument.INSTANCE_REFRESH_MAX_HEALTHY.path()).asInt(),
          provider);
    }
    assertEquals(
        "instance_refresh.preferences.max_healthy_percentage",
        EscapeHatch.Argument.INSTANCE_REFRESH_MAX_HEALTHY.path());
  }
}
