package io.drstack.constructs;

import static io.drstack.support.TfAssert.hasDataSource;
import static io.drstack.support.TfAssert.hasResource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameter;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.ssm_parameter.SsmParameter;
import io.drstack.support.AllStacks;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

class SsmHandOffTest {

  @Test
  void parameterNamesCarrySuffixKindAndRegion() {
    // The runbook and other stacks read these names: they are the hand-off's contract.
    assertEquals(
        java.util.Set.of(
            "/dr/dev/kms-key-arn/us-east-1",
            "/dr/dev/kms-key-arn/us-east-2",
            "/dr/dev/alb-dns/us-east-1",
            "/dr/dev/alb-dns/us-east-2",
            "/dr/dev/alb-zone-id/us-east-1",
            "/dr/dev/alb-zone-id/us-east-2"),
        Stacks.defaults().resources("aws_ssm_parameter").values().stream()
            .map(parameter -> parameter.path("name").asText())
            .collect(java.util.stream.Collectors.toSet()));
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void eachKeyArnIsPublishedInItsOwnRegion(Synthesized stack) {
    forEachKeyArnParameter(
        stack,
        (provider, parameter) -> {
          hasResource(
              stack,
              SsmParameter.TF_RESOURCE_TYPE,
              Map.of(
                  "name", parameter, "provider", provider, "type", "String", "tier", "Standard"));
          Block published = parameterNamed(stack, false, parameter);
          Block key = TfJson.only(stack.tree(), false, KmsKey.TF_RESOURCE_TYPE, provider);
          assertEquals(provider, published.provider().orElseThrow());
          assertEquals(
              "${" + key.address() + ".arn}",
              published.body().path("insecure_value").asText(),
              "publishes its own region's key");
        });
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void eachParameterIsReadBackInItsRegionAfterItIsWritten(Synthesized stack) {
    forEachKeyArnParameter(
        stack,
        (provider, parameter) -> {
          Block published = parameterNamed(stack, false, parameter);
          hasDataSource(
              stack,
              DataAwsSsmParameter.TF_RESOURCE_TYPE,
              Map.of(
                  "name",
                  parameter,
                  "provider",
                  provider,
                  "depends_on",
                  List.of(published.address())));
          Block readBack = parameterNamed(stack, true, parameter);
          assertEquals(provider, readBack.provider().orElseThrow(), "read in its own region");
          assertEquals(
              List.of(published.address()),
              texts(readBack.body().path("depends_on")),
              "waits for the parameter it reads");
        });
  }

  /**
   * The hand-offs carry public identifiers (key ARNs, load balancer names): plain text, so that a
   * plan shows a changed key ARN instead of "(sensitive value)".
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyParameterIsWrittenAndReadAsInsecureValue(Synthesized stack) {
    List<Block> parameters = TfJson.blocks(stack.tree(), false, SsmParameter.TF_RESOURCE_TYPE);
    assertFalse(parameters.isEmpty());
    for (Block parameter : parameters) {
      assertFalse(parameter.body().has("value"), () -> parameter + " sets value");
      assertTrue(
          parameter.body().path("insecure_value").isTextual(),
          () -> parameter + " sets insecure_value");
    }
    Matcher read = SSM_READ.matcher(stack.json());
    List<String> attributes = new ArrayList<>();
    while (read.find()) {
      attributes.add(read.group(1));
    }
    assertFalse(attributes.isEmpty(), "the stack reads parameters");
    assertEquals(
        List.of(),
        attributes.stream().filter(a -> !a.equals("insecure_value")).toList(),
        "attributes of data.aws_ssm_parameter read other than insecure_value");
  }

  /** Each region's key ARN parameter, named as the manual names it, with its region's provider. */
  private static void forEachKeyArnParameter(Synthesized stack, BiConsumer<String, String> check) {
    String suffix = stack.config().environmentSuffix();
    Stacks.expectedProviderRegions(stack)
        .forEach(
            (provider, region) ->
                check.accept(provider, "/dr/" + suffix + "/kms-key-arn/" + region));
  }

  /** An attribute read of any {@code data.aws_ssm_parameter}. */
  private static final Pattern SSM_READ =
      Pattern.compile("data\\.aws_ssm_parameter\\.[A-Za-z0-9_-]+\\.([a-z_]+)");

  private static Block parameterNamed(Synthesized stack, boolean data, String parameter) {
    List<Block> named =
        TfJson.blocks(
                stack.tree(),
                data,
                data ? DataAwsSsmParameter.TF_RESOURCE_TYPE : SsmParameter.TF_RESOURCE_TYPE)
            .stream()
            .filter(block -> block.literal("name").orElse("").equals(parameter))
            .toList();
    assertTrue(named.size() == 1, () -> "one " + (data ? "data " : "") + parameter + ": " + named);
    return named.get(0);
  }

  private static List<String> texts(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false)
        .map(JsonNode::asText)
        .toList();
  }
}
