package io.drstack;

import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderEndpoints;
import java.util.List;

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
}
