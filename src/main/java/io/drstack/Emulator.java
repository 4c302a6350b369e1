package io.drstack;

import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderEndpoints;
import java.util.List;
import java.util.Map;

/**
 * Local-emulator mode, for tests only: a provider talks to an AWS emulator instead of AWS, with
 * dummy credentials and none of the account look-ups an emulator cannot answer. Used only when
 * {@code emulatorEndpoint} is set, which the configuration accepts on loopback alone, so the dummy
 * credentials never leave the machine. See docs/maintainers/testing.md.
 */
final class Emulator {
  private Emulator() {}

  /** Emulators accept any credentials; these say plainly that they are not real. */
  static final String DUMMY_CREDENTIAL = "test";

  /** Points the provider at {@code endpoint} for every AWS service the stack calls. */
  static void configure(AwsProviderConfig.Builder provider, String endpoint) {
    provider
        .endpoints(
            List.of(
                AwsProviderEndpoints.builder()
                    .autoscaling(endpoint)
                    .cloudwatch(endpoint)
                    .dynamodb(endpoint)
                    .ec2(endpoint)
                    .elbv2(endpoint)
                    .fis(endpoint)
                    .globalaccelerator(endpoint)
                    .iam(endpoint)
                    .kms(endpoint)
                    .logs(endpoint)
                    .route53(endpoint)
                    .sns(endpoint)
                    .ssm(endpoint)
                    .sts(endpoint)
                    .build()))
        .accessKey(DUMMY_CREDENTIAL)
        .secretKey(DUMMY_CREDENTIAL)
        .skipCredentialsValidation(true)
        .skipRequestingAccountId(true)
        .skipMetadataApiCheck("true");
  }

  /**
   * Points the S3 state backend at {@code endpoint}, with the dummy credentials and no STS or
   * instance-metadata look-up; path-style addressing, since the emulator on loopback has no bucket
   * host names. Bucket, key, region, encryption and locking stay as configured.
   */
  static void configure(S3Backend backend, String endpoint) {
    backend.addOverride("endpoints", Map.of("s3", endpoint));
    backend.addOverride("use_path_style", true);
    backend.addOverride("access_key", DUMMY_CREDENTIAL);
    backend.addOverride("secret_key", DUMMY_CREDENTIAL);
    backend.addOverride("skip_credentials_validation", true);
    backend.addOverride("skip_requesting_account_id", true);
    backend.addOverride("skip_metadata_api_check", true);
  }
}
