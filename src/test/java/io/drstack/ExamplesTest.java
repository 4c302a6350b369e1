package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drstack.support.Examples;
import io.drstack.support.Examples.Example;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The shipped examples stay usable: each is the project's {@code cdktf.json} but for its context,
 * synthesizes without a warning, keeps its state settings consistent, and the manual points at it.
 * TerraformValidateTest validates each with the real provider.
 */
class ExamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern KEY_ARN = Pattern.compile("arn:[^:]+:kms:([^:]+):\\d+:key/.+");

  @Test
  void theManualDescribesEveryExample() throws IOException {
    String manual = Files.readString(Path.of("help/configuration.md"));
    assertEquals(
        List.of("accelerator", "europe", "production", "region-switch-plan", "strong-consistency"),
        Examples.all().stream()
            .map(Example::name)
            .filter(name -> manual.contains("](../examples/" + name + "/cdktf.json)"))
            .toList());
  }

  @ParameterizedTest
  @ArgumentsSource(Examples.class)
  void copyingItOverTheProjectsCdktfJsonChangesOnlyTheContext(Example example) throws IOException {
    Map<String, Object> project =
        JSON.readValue(Path.of("cdktf.json").toFile(), new TypeReference<Map<String, Object>>() {});
    Map<String, Object> copy = new HashMap<>(example.cdktfJson());
    project.remove("context");
    copy.remove("context");
    assertEquals(project, copy);
  }

  @ParameterizedTest
  @ArgumentsSource(Examples.class)
  void synthesizesWithoutWarnings(Example example) {
    assertEquals(List.of(), example.stack().warnings());
  }

  /** S3 refuses a state object encrypted with a key of another region than the bucket's. */
  @ParameterizedTest
  @ArgumentsSource(Examples.class)
  void anS3StateKeyIsInTheBucketsRegion(Example example) {
    JsonNode s3 = example.stack().tree().path("terraform").path("backend").path("s3");
    if (s3.has("kms_key_id")) {
      Matcher arn = KEY_ARN.matcher(s3.path("kms_key_id").asText());
      assertTrue(arn.matches(), s3::toString);
      assertEquals(s3.path("region").asText(), arn.group(1), s3::toString);
    }
  }

  @ParameterizedTest
  @ArgumentsSource(Examples.class)
  void theManualLinksIt(Example example) throws IOException {
    String manual = Files.readString(Path.of("help", "configuration.md"));
    assertTrue(
        manual.contains("(../examples/" + example.name() + "/cdktf.json)"),
        "help/configuration.md links examples/" + example.name() + "/cdktf.json");
  }

  @Test
  void theProductionExampleKeepsItsStateInS3() {
    Example production =
        Examples.all().stream()
            .filter(e -> e.name().equals("production"))
            .findFirst()
            .orElseThrow();
    JsonNode backend = production.stack().tree().path("terraform").path("backend");
    assertFalse(backend.path("s3").isMissingNode(), backend::toString);
    // Neither serving region (us-east-1, us-west-2): the state stays readable while either is down.
    assertEquals("us-east-2", backend.path("s3").path("region").asText());
    assertTrue(backend.path("s3").path("use_lockfile").asBoolean(), backend::toString);
  }
}
