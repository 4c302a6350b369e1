package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.Names;
import io.drstack.support.AllStacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link Names}: every name the stack gives AWS was issued by the stack's {@link Names}, so that
 * one rule names everything and every name fits AWS's limits.
 */
class NamesTest {

  /** A name-like value in the synthesized JSON: where it stands and what it says. */
  record Found(String where, String name) {}

  /** The parameter AWS publishes the newest Amazon Linux 2023 AMI under. */
  private static final String AMI_PARAMETER =
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

  /**
   * Attributes whose key looks like a name but which name nothing the stack creates: SNS shows
   * {@code display_name} in e-mails, and {@code metric_name} and {@code service_name} are AWS's.
   */
  private static final Set<String> NOT_NAMES =
      Set.of("display_name", "metric_name", "service_name");

  /** What a top-level attribute's key says of it: a name the stack gives AWS. */
  static boolean nameLike(String attribute) {
    return !NOT_NAMES.contains(attribute)
        && (Set.of("name", "bucket", "identifier", "function_name").contains(attribute)
            || attribute.endsWith("_name")
            || attribute.endsWith("_prefix"));
  }

  /**
   * Every literal name-like value of every aws block: each top-level attribute that {@link
   * #nameLike} ({@code name}, {@code bucket}, {@code identifier}, {@code function_name}, {@code
   * *_name}, {@code *_prefix}), the alarms' {@code TableName} dimensions, {@code tags.Name} and the
   * {@code Name} entry of {@code tag[]} (the Auto Scaling group's).
   */
  static List<Found> names(JsonNode tree) {
    List<Found> found = new ArrayList<>();
    for (Block block : TfJson.blocks(tree)) {
      if (!block.isAws()) {
        continue;
      }
      JsonNode body = block.body();
      body.fieldNames()
          .forEachRemaining(
              attribute -> {
                if (nameLike(attribute)) {
                  block
                      .literal(attribute)
                      .ifPresent(n -> found.add(new Found(block + " " + attribute, n)));
                }
              });
      literal(body.path("tags").path("Name"))
          .ifPresent(n -> found.add(new Found(block + " tags.Name", n)));
      for (JsonNode tag : body.path("tag")) {
        if ("Name".equals(tag.path("key").asText())) {
          literal(tag.path("value")).ifPresent(n -> found.add(new Found(block + " tag Name", n)));
        }
      }
      List<JsonNode> dimensions = new ArrayList<>(List.of(body.path("dimensions")));
      body.path("metric_query").forEach(q -> dimensions.add(q.path("metric").path("dimensions")));
      for (JsonNode d : dimensions) {
        literal(d.path("TableName"))
            .ifPresent(n -> found.add(new Found(block + " dimension TableName", n)));
      }
    }
    return found;
  }

  private static java.util.Optional<String> literal(JsonNode node) {
    return node.isTextual() && !node.asText().contains("${")
        ? java.util.Optional.of(node.asText())
        : java.util.Optional.empty();
  }

  /**
   * Names the stack does not make, by where they stand, with what each must be: the Route 53 zone
   * and records are named by the DNS settings (the operator's domain), and the AMI look-up reads
   * the parameter AWS publishes.
   */
  private static Map<String, String> exceptions(Synthesized stack) {
    Map<String, String> exceptions = new LinkedHashMap<>();
    for (Block block : TfJson.blocks(stack.tree())) {
      String expected =
          switch (block.address().replaceFirst("\\.[^.]+$", "")) {
            case "aws_route53_zone" -> stack.config().dns().zoneName();
            case "aws_route53_record" ->
                block.body().has("latency_routing_policy")
                    ? stack.config().dns().latencySetName()
                    : stack.config().dns().recordName();
            case "data.aws_ssm_parameter" ->
                block.literal("name").orElse("").startsWith("/aws/service/") ? AMI_PARAMETER : null;
            default -> null;
          };
      if (expected != null) {
        exceptions.put(block + " name", expected);
      }
    }
    return exceptions;
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyNameInTheStackWasIssuedByItsNames(Synthesized stack) {
    Set<String> issued = stack.names().issued();
    Map<String, String> exceptions = exceptions(stack);
    List<Found> names = names(stack.tree());
    assertTrue(names.size() > 40, () -> "names found: " + names);
    List<String> strangers = new ArrayList<>();
    for (Found found : names) {
      String exception = exceptions.get(found.where());
      if (exception != null) {
        assertEquals(exception, found.name(), found.where());
      } else if (!issued.contains(found.name())) {
        strangers.add(found.where() + " \"" + found.name() + "\"");
      }
    }
    assertEquals(List.of(), strangers, "names not issued by Names: " + issued);
  }

  @Test
  void everyNameLikeAttributeIsRead() throws Exception {
    JsonNode tree =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                """
                {"resource": {
                  "aws_s3_bucket": {"assets": {"bucket": "dr-assets-us-east-1",
                                               "provider": "aws.primary"}},
                  "aws_lambda_function": {"f": {"function_name": "dr-f", "provider": "aws.primary"}},
                  "aws_db_instance": {"db": {"identifier": "dr-db", "provider": "aws.primary"}},
                  "aws_sqs_queue": {"q": {"name_prefix": "dr-q", "provider": "aws.primary"}},
                  "aws_sns_topic": {"t": {"name": "dr-t", "display_name": "DR", "provider": "aws.primary"}}
                }}
                """);
    assertEquals(
        List.of("dr-assets-us-east-1", "dr-f", "dr-db", "dr-q", "dr-t"),
        names(tree).stream().map(Found::name).toList());
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theExceptionsAreTheDnsNamesAndTheAmiParameterOnly(Synthesized stack) {
    Map<String, String> exceptions = exceptions(stack);
    long zones = stack.resources("aws_route53_zone").size();
    assertEquals(
        stack.config().dns().hostedZoneId().isPresent() ? 0 : 1, zones, "a zone unless existing");
    // Two failover records, and with activeActive behind DNS the latency set's two.
    long records = stack.resources("aws_route53_record").size();
    assertEquals(
        stack.config().traffic().activeActive() && !stack.config().traffic().accelerator() ? 4 : 2,
        records);
    assertEquals(
        zones + records + amiLookups(stack),
        exceptions.size(),
        () -> "the zone, the records and the AMI look-ups: " + exceptions);
    assertFalse(
        stack.names().issued().contains(stack.config().dns().recordName()),
        "the record's name is the operator's, not issued");
  }

  private static long amiLookups(Synthesized stack) {
    return stack.dataSources("aws_ssm_parameter").values().stream()
        .filter(p -> AMI_PARAMETER.equals(p.path("name").asText()))
        .count();
  }

  /** ARC's plan names: 1-32 letters, digits and '-', starting and ending with a letter or digit. */
  @Test
  void theRegionSwitchPlanNameFitsArcsLimitForEveryAcceptedSuffix() {
    List<String> replacedBy = List.of("activePassive", "us-east-1", "us-east-2");
    for (int length = 1; length <= Names.MAX_SUFFIX_LENGTH; length++) {
      String name = new Names("s".repeat(length)).regionSwitchPlan(replacedBy);
      assertTrue(name.matches("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?"), name);
    }
    assertEquals(
        Names.REGION_SWITCH_PLAN_NAME_LIMIT,
        new Names("s".repeat(Names.MAX_SUFFIX_LENGTH)).regionSwitchPlan(replacedBy).length());
    assertEquals(3, Names.REGION_SWITCH_PLAN_DIGEST_LENGTH);
    // The names it had: over the limit from a 16-character suffix on, then fixed.
    assertTrue(("dr-region-switch-" + "s".repeat(16)).length() > 32);
  }

  @Test
  void withTheLongestSuffixTheLoadBalancerNamesFitAwsLimit() {
    assertEquals(25, Names.MAX_SUFFIX_LENGTH);
    Names names = new Names("s".repeat(Names.MAX_SUFFIX_LENGTH));
    for (String name : List.of(names.loadBalancer(), names.targetGroup())) {
      assertTrue(name.length() <= Names.LOAD_BALANCER_NAME_LIMIT, name);
      assertTrue(name.length() <= 32, name);
    }
    assertEquals(32, names.loadBalancer().length(), "the tightest fits exactly");
  }

  @Test
  void aBucketGetsAPrefixThatTheProviderMakesGloballyUnique() {
    Names longest = new Names("s".repeat(Names.MAX_SUFFIX_LENGTH));
    String prefix = longest.bucketPrefix("assets1");
    assertEquals(Names.BUCKET_PREFIX_LIMIT, prefix.length(), prefix);
    assertTrue(prefix.matches("[a-z0-9][a-z0-9-]*-"), prefix);
    assertTrue(longest.issued().contains(prefix));
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> longest.bucketPrefix("assets12"));
    assertTrue(refused.getMessage().contains("limit of 37"), refused.getMessage());
  }

  @Test
  void aNameOverItsLimitIsRefusedNamingIt() {
    Names longer = new Names("s".repeat(Names.MAX_SUFFIX_LENGTH + 1));
    String alb = "dr-alb-" + "s".repeat(Names.MAX_SUFFIX_LENGTH + 1);
    Map<String, Supplier<String>> overLimit =
        Map.of(
            alb,
            longer::loadBalancer,
            "dr-tg-" + "s".repeat(Names.MAX_SUFFIX_LENGTH + 2),
            () -> new Names("s".repeat(Names.MAX_SUFFIX_LENGTH + 2)).targetGroup(),
            "dr-" + "w".repeat(Names.ROLE_NAME_LIMIT) + "-dev",
            () -> new Names("dev").of("w".repeat(Names.ROLE_NAME_LIMIT)));
    overLimit.forEach(
        (name, issue) -> {
          IllegalStateException refused = assertThrows(IllegalStateException.class, issue::get);
          assertTrue(refused.getMessage().contains(name), refused.getMessage());
        });
    assertFalse(longer.issued().contains(alb), "a refused name is not issued");
    Names dev = new Names("dev");
    assertEquals("dr-" + "w".repeat(57) + "-dev", dev.of("w".repeat(57)), "64 fits");
    assertEquals(Set.of("dr-" + "w".repeat(57) + "-dev"), dev.issued());
  }
}
