package io.drstack.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class BlockDiffTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void namesEveryBlockByItsTerraformAddress() throws Exception {
    JsonNode document =
        json(
            "{'resource': {'aws_kms_key': {'primary-key': {'x': 1}}},"
                + " 'data': {'aws_ssm_parameter': {'p': {}}}, 'output': {'o': {'value': 1}},"
                + " 'terraform': {'backend': {}}, '//': {'metadata': 1}}");
    assertEquals(
        java.util.List.of(
            "data.aws_ssm_parameter.p",
            "output.o",
            "resource.aws_kms_key.primary-key",
            "terraform.backend"),
        java.util.List.copyOf(BlockDiff.blocks(document).keySet()));
  }

  @Test
  void showsOnlyTheChangedBlocksWithTheirChangedLines() throws Exception {
    JsonNode recorded =
        json(
            "{'resource': {'aws_kms_key': {'a': {'rotate': true, 'days': 30}, 'b': {'x': 1}},"
                + " 'aws_sns_topic': {'gone': {}}}}");
    JsonNode actual =
        json(
            "{'resource': {'aws_kms_key': {'a': {'rotate': true, 'days': 7}, 'b': {'x': 1}},"
                + " 'aws_s3_bucket': {'new': {}}}}");
    String report = BlockDiff.between(recorded, actual);
    assertEquals(
        """
        changed resource.aws_kms_key.a
            - "days" : 30,
            + "days" : 7,
        added resource.aws_s3_bucket.new
        removed resource.aws_sns_topic.gone
        """,
        report);
  }

  @Test
  void isEmptyForTheSameStack() throws Exception {
    JsonNode document = json("{'resource': {'aws_kms_key': {'a': {'rotate': true}}}}");
    assertEquals("", BlockDiff.between(document, document.deepCopy()));
  }

  @Test
  void staysShortForALargeChange() throws Exception {
    StringBuilder before = new StringBuilder("{'resource': {'aws_ssm_parameter': {");
    StringBuilder after = new StringBuilder("{'resource': {'aws_ssm_parameter': {");
    for (int block = 0; block < BlockDiff.BLOCKS + 5; block++) {
      String separator = block == 0 ? "" : ",";
      before.append(separator).append("'p").append(block).append("': {");
      after.append(separator).append("'p").append(block).append("': {");
      for (int line = 0; line < 40; line++) {
        before.append(line == 0 ? "" : ",").append("'k").append(line).append("': 1");
        after.append(line == 0 ? "" : ",").append("'k").append(line).append("': 2");
      }
      before.append('}');
      after.append('}');
    }
    String report = BlockDiff.between(json(before + "}}}"), json(after + "}}}"));
    assertTrue(report.endsWith("... and 5 more blocks\n"), report);
    assertTrue(report.contains("    ... 68 more lines\n"), report);
    assertTrue(report.lines().count() < 500, "lines: " + report.lines().count());
  }
}
