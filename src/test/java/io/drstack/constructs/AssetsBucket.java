package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3BucketConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlock;
import com.hashicorp.cdktf.providers.aws.s3_bucket_public_access_block.S3BucketPublicAccessBlockConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningA;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningAConfig;
import com.hashicorp.cdktf.providers.aws.s3_bucket_versioning.S3BucketVersioningVersioningConfiguration;
import java.util.List;
import software.constructs.Construct;

/**
 * A bucket for the application's assets in one region: versioned, never public, every object
 * encrypted with the region's own key.
 */
public final class AssetsBucket extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param region where the bucket lives; every resource here is created with its provider
   * @param key the region's key, which encrypts every object
   */
  public record Props(Region region, RegionalKey key) {}

  public AssetsBucket(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    // S3 names are global: the provider completes the prefix with a unique id.
    S3Bucket bucket =
        new S3Bucket(
            this,
            "bucket",
            S3BucketConfig.builder()
                .provider(region.provider())
                .bucketPrefix(region.names().bucketPrefix("assets"))
                .build());
    new S3BucketVersioningA(
        this,
        "versioning",
        S3BucketVersioningAConfig.builder()
            .provider(region.provider())
            .bucket(bucket.getId())
            .versioningConfiguration(
                S3BucketVersioningVersioningConfiguration.builder().status("Enabled").build())
            .build());
    new S3BucketServerSideEncryptionConfigurationA(
        this,
        "encryption",
        S3BucketServerSideEncryptionConfigurationAConfig.builder()
            .provider(region.provider())
            .bucket(bucket.getId())
            .rule(
                List.of(
                    S3BucketServerSideEncryptionConfigurationRuleA.builder()
                        .applyServerSideEncryptionByDefault(
                            S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA
                                .builder()
                                .sseAlgorithm("aws:kms")
                                .kmsMasterKeyId(props.key().arn())
                                .build())
                        .bucketKeyEnabled(true)
                        .build()))
            .build());
    new S3BucketPublicAccessBlock(
        this,
        "public-access",
        S3BucketPublicAccessBlockConfig.builder()
            .provider(region.provider())
            .bucket(bucket.getId())
            .blockPublicAcls(true)
            .blockPublicPolicy(true)
            .ignorePublicAcls(true)
            .restrictPublicBuckets(true)
            .build());
  }
}
