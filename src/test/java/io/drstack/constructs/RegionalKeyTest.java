package io.drstack.constructs;

import static io.drstack.support.TfAssert.hasProvider;
import static io.drstack.support.TfAssert.hasResource;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAlias;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import io.drstack.support.AllStacks;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class RegionalKeyTest {

  /** Provider address to the region the configuration puts it in; every one holds a key. */
  private static Map<String, String> regions(Synthesized stack) {
    return Stacks.expectedProviderRegions(stack);
  }

  @Test
  void providersAreAliasedPerConfiguredRegion() {
    Synthesized defaults = Stacks.defaults();
    hasProvider(
        defaults, AwsProvider.TF_RESOURCE_TYPE, Map.of("alias", "primary", "region", "us-east-1"));
    hasProvider(
        defaults,
        AwsProvider.TF_RESOURCE_TYPE,
        Map.of("alias", "secondary", "region", "us-east-2"));
    Synthesized alternative = Stacks.alternative();
    hasProvider(
        alternative,
        AwsProvider.TF_RESOURCE_TYPE,
        Map.of("alias", "primary", "region", "eu-west-1"));
    hasProvider(
        alternative,
        AwsProvider.TF_RESOURCE_TYPE,
        Map.of("alias", "secondary", "region", "eu-central-1"));
    // Neither region is us-east-1: a third provider there carries the health-check alarms.
    hasProvider(
        alternative,
        AwsProvider.TF_RESOURCE_TYPE,
        Map.of("alias", "route53-metrics", "region", "us-east-1"));
    assertEquals(
        Map.of(
            "aws.primary", "eu-west-1",
            "aws.secondary", "eu-central-1",
            "aws.route53-metrics", "us-east-1"),
        TfJson.awsProviderRegions(alternative.tree()));
    assertEquals(
        Map.of("aws.primary", "us-east-1", "aws.secondary", "us-east-2"),
        TfJson.awsProviderRegions(defaults.tree()));
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void oneKeyInEachRegion(Synthesized stack) {
    Map<String, JsonNode> keys = stack.resources(KmsKey.TF_RESOURCE_TYPE);
    List<String> providers =
        keys.values().stream().map(key -> key.path("provider").asText()).sorted().toList();
    assertEquals(regions(stack).keySet().stream().sorted().toList(), providers);
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void keysRotateAndHaveADeletionWindow(Synthesized stack) {
    String suffix = stack.config().environmentSuffix();
    regions(stack)
        .forEach(
            (provider, region) ->
                hasResource(
                    stack,
                    KmsKey.TF_RESOURCE_TYPE,
                    Map.of(
                        "provider",
                        provider,
                        "enable_key_rotation",
                        true,
                        "deletion_window_in_days",
                        30,
                        "description",
                        "DR stack " + suffix + " data key in " + region)));
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void terraformRefusesToDestroyEveryKeyUnlessTurnedOff(Synthesized stack) {
    List<Block> keys = TfJson.blocks(stack.tree(), false, KmsKey.TF_RESOURCE_TYPE);
    assertEquals(regions(stack).size(), keys.size());
    for (Block key : keys) {
      assertEquals(
          stack.config().preventDestroy(),
          TfJson.preventDestroy(key.body()),
          () -> key + " lifecycle " + key.body().path("lifecycle"));
    }
  }

  @Test
  void everyKeyIsGuardedByDefaultAndNoneWhenTurnedOff() {
    // The alternative's route53-metrics key included: DR_PREVENT_DESTROY=false turns all off.
    assertTrue(
        TfJson.blocks(Stacks.defaults().tree(), false, KmsKey.TF_RESOURCE_TYPE).stream()
            .allMatch(key -> TfJson.preventDestroy(key.body())));
    List<Block> alternative =
        TfJson.blocks(Stacks.alternative().tree(), false, KmsKey.TF_RESOURCE_TYPE);
    assertEquals(3, alternative.size());
    assertTrue(alternative.stream().noneMatch(key -> TfJson.preventDestroy(key.body())));
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void aliasInEachRegionCarriesTheSuffixAndTargetsThatRegionsKey(Synthesized stack) {
    String alias = "alias/dr-stack-" + stack.config().environmentSuffix();
    for (String provider : regions(stack).keySet()) {
      hasResource(stack, KmsAlias.TF_RESOURCE_TYPE, Map.of("name", alias, "provider", provider));
      Block aliasBlock = TfJson.only(stack.tree(), false, KmsAlias.TF_RESOURCE_TYPE, provider);
      Block key = TfJson.only(stack.tree(), false, KmsKey.TF_RESOURCE_TYPE, provider);
      assertEquals(
          "${" + key.address() + ".key_id}",
          aliasBlock.body().path("target_key_id").asText(),
          () -> provider + " alias targets its own region's key");
    }
    assertEquals(regions(stack).size(), stack.resources(KmsAlias.TF_RESOURCE_TYPE).size());
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void keyPolicyLetsTheRegionsServicesUseTheKey(Synthesized stack) {
    Map<String, Block> byAddress = TfJson.byAddress(stack.tree());
    regions(stack)
        .forEach(
            (provider, region) -> {
              Block key = TfJson.only(stack.tree(), false, KmsKey.TF_RESOURCE_TYPE, provider);
              String policy = key.body().path("policy").asText();
              assertTrue(
                  policy.startsWith("${data." + DataAwsIamPolicyDocument.TF_RESOURCE_TYPE + ".")
                      && policy.endsWith(".json}"),
                  policy);
              Block document =
                  byAddress.get(
                      policy.substring("${".length(), policy.length() - ".json}".length()));
              assertEquals(provider, document.provider().orElseThrow(), "policy in key's region");
              Map<String, JsonNode> statements = statementsBySid(document.body());

              assertAll(
                  () ->
                      assertEquals(
                          Set.of(
                              "AccountAdministersKey",
                              "DynamoDbUsesKeyForThisAccount",
                              "SnsUsesKeyForThisAccount",
                              "CloudWatchLogsEncryptsLogGroups",
                              "CloudWatchAlarmsPublishToEncryptedTopics",
                              "AutoScalingUsesKeyForVolumes",
                              "AutoScalingGrantsForVolumes"),
                          statements.keySet()),
                  () ->
                      assertEquals(
                          List.of("kms:*"),
                          texts(statements.get("AccountAdministersKey"), "actions")),
                  () ->
                      assertTrue(
                          principals(statements.get("AccountAdministersKey"), "AWS").stream()
                              .allMatch(arn -> arn.endsWith(":root"))),
                  () ->
                      assertEquals(
                          List.of("logs." + region + ".amazonaws.com"),
                          principals(statements.get("CloudWatchLogsEncryptsLogGroups"), "Service")),
                  () ->
                      assertTrue(
                          conditionValues(
                                  statements.get("CloudWatchLogsEncryptsLogGroups"),
                                  "kms:EncryptionContext:aws:logs:arn")
                              .get(0)
                              .contains(":logs:" + region + ":")),
                  () ->
                      assertEquals(
                          List.of("cloudwatch.amazonaws.com"),
                          principals(
                              statements.get("CloudWatchAlarmsPublishToEncryptedTopics"),
                              "Service")),
                  () ->
                      assertEquals(
                          List.of("dynamodb." + region + ".amazonaws.com"),
                          conditionValues(
                              statements.get("DynamoDbUsesKeyForThisAccount"), "kms:ViaService")),
                  () ->
                      assertTrue(
                          texts(statements.get("DynamoDbUsesKeyForThisAccount"), "actions")
                              .contains("kms:CreateGrant"),
                          "DynamoDB needs grants for the replica"),
                  () ->
                      assertEquals(
                          List.of("sns." + region + ".amazonaws.com"),
                          conditionValues(
                              statements.get("SnsUsesKeyForThisAccount"), "kms:ViaService")),
                  () ->
                      assertEquals(
                          List.of(),
                          otherRegions(stack, region).stream()
                              .filter(document.body().toString()::contains)
                              .toList(),
                          "no statement names another region"));
            });
  }

  private static List<String> otherRegions(Synthesized stack, String region) {
    return regions(stack).values().stream().filter(other -> !other.equals(region)).toList();
  }

  private static Map<String, JsonNode> statementsBySid(JsonNode document) {
    Map<String, JsonNode> bySid = new LinkedHashMap<>();
    for (JsonNode statement : document.path("statement")) {
      assertEquals("Allow", statement.path("effect").asText());
      bySid.put(statement.path("sid").asText(), statement);
    }
    return bySid;
  }

  private static List<String> texts(JsonNode node, String field) {
    List<String> result = new ArrayList<>();
    node.path(field).forEach(item -> result.add(item.asText()));
    return result;
  }

  private static List<String> principals(JsonNode statement, String type) {
    List<String> result = new ArrayList<>();
    for (JsonNode principal : statement.path("principals")) {
      if (principal.path("type").asText().equals(type)) {
        result.addAll(texts(principal, "identifiers"));
      }
    }
    return result;
  }

  private static List<String> conditionValues(JsonNode statement, String variable) {
    return java.util.stream.StreamSupport.stream(statement.path("condition").spliterator(), false)
        .filter(condition -> condition.path("variable").asText().equals(variable))
        .flatMap(condition -> texts(condition, "values").stream())
        .collect(Collectors.toList());
  }
}
