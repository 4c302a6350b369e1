package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Synthesized;
import io.drstack.support.WithAssetsBuckets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link AssetsBucket}, CONTRIBUTING.md's worked example: one bucket per region, versioned, never
 * public, encrypted with its own region's key.
 */
class AssetsBucketTest {

  /** The one block of {@code type} that configures {@code bucket}. */
  private static JsonNode settingOf(Synthesized stack, String type, String bucket) {
    List<JsonNode> found =
        stack.resources(type).values().stream()
            .filter(b -> ref(stack, b.path("bucket")).name().equals(bucket))
            .toList();
    assertEquals(1, found.size(), () -> type + " of " + bucket);
    return found.get(0);
  }

  @ParameterizedTest
  @ArgumentsSource(WithAssetsBuckets.class)
  void eachRegionHasOneBucketAddressedUnderItsSite(Synthesized stack) {
    Map<String, String> bucketByProvider =
        stack.resources("aws_s3_bucket").entrySet().stream()
            .collect(
                Collectors.toMap(e -> e.getValue().path("provider").asText(), Map.Entry::getKey));
    assertEquals(SERVICE_PROVIDERS.size(), stack.resources("aws_s3_bucket").size());
    assertTrue(bucketByProvider.get("aws.primary").startsWith("primary-assets_bucket_"));
    assertTrue(bucketByProvider.get("aws.secondary").startsWith("secondary-assets_bucket_"));
  }

  @ParameterizedTest
  @ArgumentsSource(WithAssetsBuckets.class)
  void everyBucketIsEncryptedWithTheKeyOfItsRegion(Synthesized stack) {
    stack
        .resources("aws_s3_bucket")
        .forEach(
            (bucket, body) -> {
              JsonNode rule =
                  settingOf(stack, "aws_s3_bucket_server_side_encryption_configuration", bucket)
                      .path("rule")
                      .path(0);
              JsonNode byDefault = rule.path("apply_server_side_encryption_by_default");
              assertEquals("aws:kms", byDefault.path("sse_algorithm").asText(), bucket);
              Ref key = ref(stack, byDefault.path("kms_master_key_id"));
              assertEquals("aws_kms_key", key.type(), bucket);
              assertEquals(body.path("provider").asText(), key.provider(), bucket);
              assertTrue(rule.path("bucket_key_enabled").asBoolean(), bucket);
            });
  }

  @ParameterizedTest
  @ArgumentsSource(WithAssetsBuckets.class)
  void everyBucketIsVersionedAndNeverPublic(Synthesized stack) {
    for (String bucket : stack.resources("aws_s3_bucket").keySet()) {
      assertEquals(
          "Enabled",
          settingOf(stack, "aws_s3_bucket_versioning", bucket)
              .path("versioning_configuration")
              .path("status")
              .asText());
      JsonNode block = settingOf(stack, "aws_s3_bucket_public_access_block", bucket);
      for (String setting :
          List.of(
              "block_public_acls",
              "block_public_policy",
              "ignore_public_acls",
              "restrict_public_buckets")) {
        assertTrue(block.path(setting).asBoolean(), bucket + " " + setting);
      }
    }
  }
}
