package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.AllStacks;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import io.drstack.support.TfJson.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Rules every synthesized stack keeps, whatever constructs it grows: checked over the parsed JSON
 * of the default stack and of the alternative one (other suffix, other regions).
 */
class StackInvariantsTest {

  /**
   * Resource types of global AWS services: they have no region, so any region may reference them.
   * IAM and Route 53 are global. Anything added here must be a global service.
   */
  static final List<String> GLOBAL_SERVICE_TYPE_PREFIXES = List.of("aws_route53_", "aws_iam_");

  /** The one way a value may cross regions: a read-back of an SSM parameter (SsmHandOff). */
  static final String CROSS_REGION_HAND_OFF = "data.aws_ssm_parameter";

  /** Parameter names that AWS publishes (e.g. the latest AMI ids): they cannot carry the suffix. */
  static final List<String> PUBLIC_PARAMETER_PREFIXES = List.of("/aws/service/");

  private static List<Block> awsBlocks(Synthesized stack) {
    return TfJson.blocks(stack.tree()).stream().filter(Block::isAws).toList();
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyAwsProviderHasAnAliasAndARegion(Synthesized stack) {
    JsonNode providers = stack.tree().path("provider").path("aws");
    assertTrue(providers.size() >= 2, providers::toString);
    List<String> violations = new ArrayList<>();
    for (JsonNode provider : providers) {
      if (provider.path("alias").asText().isEmpty() || provider.path("region").asText().isEmpty()) {
        violations.add("provider without alias or region: " + provider);
      }
    }
    assertEquals(List.of(), violations);
    assertEquals(Stacks.expectedProviderRegions(stack), TfJson.awsProviderRegions(stack.tree()));
  }

  /** (a) No aws_ block falls back to a default provider: each names a declared alias. */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyAwsBlockNamesADeclaredProvider(Synthesized stack) {
    Set<String> declared = TfJson.awsProviderRegions(stack.tree()).keySet();
    List<String> violations = new ArrayList<>();
    for (Block block : awsBlocks(stack)) {
      Optional<String> provider = block.provider();
      if (provider.isEmpty() || !declared.contains(provider.get())) {
        violations.add(block.address() + " has provider " + provider.orElse("<none>"));
      }
    }
    assertFalse(awsBlocks(stack).isEmpty());
    assertEquals(List.of(), violations, "declared: " + declared);
  }

  /**
   * (b) THE invariant: a block only references blocks of its own region, except SSM read-backs (the
   * hand-off) and resources of global services. Outputs are region-free and not checked.
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void valuesCrossRegionsOnlyThroughSsm(Synthesized stack) {
    CrossRegionScan scan = CrossRegionScan.of(stack);
    assertEquals(List.of(), scan.violations(), "cross-region references not through SSM");
  }

  /** The scan above is not vacuous: the replica's key crosses regions, and it goes through SSM. */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void crossRegionScanSeesTheReplicaKeyHandOff(Synthesized stack) {
    CrossRegionScan scan = CrossRegionScan.of(stack);
    assertTrue(scan.references() > 10, "the scan found references at all: " + scan.references());
    assertTrue(
        scan.handOffs().stream()
            .anyMatch(
                crossing ->
                    crossing.startsWith("aws_dynamodb_table.")
                        && crossing.contains(" replica[0].kms_key_arn -> data.aws_ssm_parameter.")),
        () -> "expected the replica kms_key_arn hand-off among " + scan.handOffs());
  }

  /** (b) also works as a detector: a direct cross-region reference is reported, with names. */
  @Test
  void crossRegionScanReportsADirectReference() {
    Synthesized stack = Stacks.defaults();
    JsonNode tree = stack.tree().deepCopy();
    Block secondaryKey = TfJson.only(tree, false, "aws_kms_key", "aws.secondary");
    Block table = TfJson.only(tree, false, "aws_dynamodb_table", "aws.primary");
    ((com.fasterxml.jackson.databind.node.ObjectNode) table.body().path("replica").get(0))
        .put("kms_key_arn", "${" + secondaryKey.address() + ".arn}");
    List<String> injected =
        CrossRegionScan.of(tree).violations().stream()
            .filter(v -> v.startsWith(table.address() + " replica[0].kms_key_arn -> "))
            .toList();
    assertEquals(1, injected.size(), injected::toString);
    assertTrue(injected.get(0).contains(secondaryKey.address()), injected::toString);
    assertTrue(injected.get(0).endsWith("us-east-1 uses us-east-2 directly"), injected::toString);
  }

  /** (c) */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyKmsKeyRotates(Synthesized stack) {
    Map<String, JsonNode> keys = stack.resources("aws_kms_key");
    assertFalse(keys.isEmpty());
    List<String> violations = new ArrayList<>();
    keys.forEach(
        (key, body) -> {
          if (!body.path("enable_key_rotation").asBoolean(false)) {
            violations.add("aws_kms_key." + key);
          }
        });
    assertEquals(List.of(), violations, "keys without rotation");
  }

  /**
   * (d) Every literal {@code name} of an aws_ resource (KMS alias names included: that attribute is
   * {@code name} too) carries the suffix as a whole word, so environments can share an account. SSM
   * read-backs are checked too, except parameters AWS publishes. With an existing hosted zone the
   * failover records are the operator's, named by {@code DR_RECORD_NAME}, and not checked.
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyNameCarriesTheSuffix(Synthesized stack) {
    String suffix = stack.config().environmentSuffix();
    Pattern word = Pattern.compile("(^|[^a-z0-9])" + Pattern.quote(suffix) + "([^a-z0-9]|$)");
    List<String> violations = new ArrayList<>();
    int checked = 0;
    for (Block block : awsBlocks(stack)) {
      boolean readBack = block.data() && block.type().equals("aws_ssm_parameter");
      if (block.data() && !readBack) {
        continue; // other data sources look up things the stack does not name
      }
      Optional<String> literal = block.literal("name");
      if (literal.isEmpty()) {
        continue;
      }
      if (readBack && PUBLIC_PARAMETER_PREFIXES.stream().anyMatch(literal.get()::startsWith)) {
        continue;
      }
      if (block.type().equals("aws_route53_record")
          && stack.config().dns().hostedZoneId().isPresent()) {
        continue; // in the operator's existing zone, the record is named as the operator says
      }
      checked++;
      if (!word.matcher(literal.get()).find()) {
        violations.add(block.address() + " name \"" + literal.get() + "\"");
      }
    }
    assertTrue(checked >= 10, "names checked: " + checked);
    assertEquals(List.of(), violations, "names without the suffix \"" + suffix + "\"");
  }

  /** (e) */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyProviderTagsResourcesWithTheEnvironment(Synthesized stack) {
    String suffix = stack.config().environmentSuffix();
    List<String> violations = new ArrayList<>();
    JsonNode providers = stack.tree().path("provider").path("aws");
    for (JsonNode provider : providers) {
      JsonNode tags = provider.path("default_tags").path(0).path("tags");
      if (!suffix.equals(tags.path("Environment").asText(null))) {
        violations.add(provider.path("alias").asText() + " default_tags " + tags);
      }
    }
    assertFalse(providers.isEmpty());
    assertEquals(List.of(), violations, "providers whose default_tags lack Environment=" + suffix);
  }

  /** Every reference from one aws_ block to another, sorted into allowed and not. */
  record CrossRegionScan(int references, List<String> violations, List<String> handOffs) {

    static CrossRegionScan of(Synthesized stack) {
      return of(stack.tree());
    }

    static CrossRegionScan of(JsonNode tree) {
      Map<String, String> regionOf = TfJson.awsProviderRegions(tree);
      Map<String, Block> blocks = TfJson.byAddress(tree);
      List<String> violations = new ArrayList<>();
      List<String> handOffs = new ArrayList<>();
      int references = 0;
      for (Block from : blocks.values()) {
        if (!from.isAws()) {
          continue;
        }
        String fromRegion = from.provider().map(regionOf::get).orElse(null);
        for (Reference reference : TfJson.awsReferences(from.body())) {
          references++;
          String crossing =
              from.address()
                  + " "
                  + reference.attributePath()
                  + " -> "
                  + reference.address()
                  + " in ${"
                  + reference.expression()
                  + "}";
          Block to = blocks.get(reference.address());
          if (to == null) {
            violations.add(crossing + ": no such block");
            continue;
          }
          String toRegion = to.provider().map(regionOf::get).orElse(null);
          if (fromRegion == null || toRegion == null) {
            violations.add(crossing + ": a side has no known region");
          } else if (!fromRegion.equals(toRegion)) {
            if (reference.address().startsWith(CROSS_REGION_HAND_OFF + ".")) {
              handOffs.add(crossing);
            } else if (GLOBAL_SERVICE_TYPE_PREFIXES.stream().noneMatch(to.type()::startsWith)) {
              violations.add(crossing + ": " + fromRegion + " uses " + toRegion + " directly");
            }
          }
        }
      }
      return new CrossRegionScan(references, violations, handOffs);
    }
  }
}
