package io.drstack.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reference scanner the stack invariants rely on, on hand-written JSON. */
class TfJsonTest {

  @Test
  void interpolationsBalanceNestedBracesAndSkipEscapes() {
    assertEquals(
        List.of("a.b", "jsonencode({x = aws_s3_bucket.b.arn})"),
        TfJson.interpolations("x ${a.b} $${literal} ${jsonencode({x = aws_s3_bucket.b.arn})}"));
  }

  @Test
  void referencesAreFoundEverywhereButDependsOnAndMetadata() throws Exception {
    String body =
        """
        {
          "//": {"metadata": {"path": "${aws_kms_key.in_metadata.arn}"}},
          "depends_on": ["aws_kms_key.ordered", "${aws_kms_key.ordered2.arn}"],
          "provider": "aws.primary",
          "name": "plain",
          "policy": "${data.aws_iam_policy_document.doc-1_AB12.json}",
          "nested": [{"arn": "arn:${data.aws_partition.p.partition}:x:${aws_kms_key.k_1.arn}"}],
          "other": "${var.aws_region} ${local.aws_x.y} ${random_id.r.hex}"
        }
        """;
    List<String> addresses =
        TfJson.awsReferences(new ObjectMapper().readTree(body)).stream()
            .map(r -> r.attributePath() + " " + r.address())
            .toList();
    assertEquals(
        List.of(
            "policy data.aws_iam_policy_document.doc-1_AB12",
            "nested[0].arn data.aws_partition.p",
            "nested[0].arn aws_kms_key.k_1"),
        addresses);
  }

  @Test
  void dottedPathsStepIntoListsByIndexAndLifecycleIsRead() throws Exception {
    var body =
        new ObjectMapper()
            .readTree(
                """
                {
                  "replica": [{"deletion_protection_enabled": true}],
                  "lifecycle": {"ignore_changes": ["image_id"], "prevent_destroy": true}
                }
                """);
    assertTrue(TfJson.at(body, "replica.0.deletion_protection_enabled").asBoolean(false));
    assertTrue(TfJson.at(body, "replica.1.deletion_protection_enabled").isMissingNode());
    assertEquals(List.of("image_id"), TfJson.ignoreChanges(body));
    assertTrue(TfJson.preventDestroy(body));
    assertEquals(List.of(), TfJson.ignoreChanges(body.path("replica").get(0)));
    assertFalse(TfJson.preventDestroy(body.path("replica").get(0)));
  }
}
