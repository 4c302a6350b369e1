package io.drstack.constructs;

import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroupConfig;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAlias;
import com.hashicorp.cdktf.providers.aws.kms_alias.KmsAliasConfig;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKey;
import com.hashicorp.cdktf.providers.aws.kms_key.KmsKeyConfig;
import java.util.List;
import software.constructs.Construct;

/**
 * The region's customer-managed KMS key: rotated yearly, aliased, and usable by exactly the
 * services of the stack that encrypt with it. Its ARN is published to SSM in its own region so that
 * other regions can use it without referencing the key.
 */
public final class RegionalKey extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param region where the key lives
   * @param preventDestroy Terraform refuses a plan that would destroy or replace the key
   */
  public record Props(Region region, boolean preventDestroy) {}

  private static final List<String> DATA_KEY_ACTIONS =
      List.of(
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:DescribeKey");

  private final Region region;
  private final KmsKey key;
  private final SsmHandOff arnHandOff;

  public RegionalKey(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    String policy =
        Policy.document(
            this,
            "policy",
            region,
            List.of(
                // Without this statement nobody could ever change or delete the key.
                Policy.allow("AccountAdministersKey", List.of("kms:*"), List.of("*"))
                    .principal("AWS", region.iamArn("root")),
                // AWS's key policy for DynamoDB: any principal of this account that IAM lets use
                // the table, through DynamoDB in this region only. DynamoDB calls KMS as the
                // caller,
                // so naming the account root here would leave every caller without a kms:* grant
                // refused
                // (https://docs.aws.amazon.com/kms/latest/developerguide/services-dynamodb.html).
                Policy.allow(
                        "DynamoDbUsesKeyForThisAccount",
                        concat(DATA_KEY_ACTIONS, "kms:CreateGrant"),
                        List.of("*"))
                    .principal("AWS", "*")
                    .condition("StringEquals", "kms:ViaService", region.serviceEndpoint("dynamodb"))
                    .condition("StringEquals", "kms:CallerAccount", region.accountId()),
                Policy.allow("SnsUsesKeyForThisAccount", DATA_KEY_ACTIONS, List.of("*"))
                    .principal("AWS", region.iamArn("root"))
                    .condition("StringEquals", "kms:ViaService", region.serviceEndpoint("sns"))
                    .condition("StringEquals", "kms:CallerAccount", region.accountId()),
                // The stack's log groups only, all named under its path.
                Policy.allow("CloudWatchLogsEncryptsLogGroups", DATA_KEY_ACTIONS, List.of("*"))
                    .principal("Service", region.serviceEndpoint("logs"))
                    .condition(
                        "ArnLike",
                        "kms:EncryptionContext:aws:logs:arn",
                        region.arn("logs", "log-group:" + region.names().path("*"))),
                // Alarms publish to the encrypted topics as the CloudWatch service itself.
                Policy.allow(
                        "CloudWatchAlarmsPublishToEncryptedTopics",
                        List.of("kms:Decrypt", "kms:GenerateDataKey*"),
                        List.of("*"))
                    .principal("Service", "cloudwatch.amazonaws.com")
                    .condition("StringEquals", "aws:SourceAccount", region.accountId()),
                // Auto Scaling launches instances with encrypted volumes through its
                // service-linked role. The role may not exist yet on the first deploy, so it is
                // matched by ARN rather than named as a principal (which KMS would reject).
                Policy.allow("AutoScalingUsesKeyForVolumes", DATA_KEY_ACTIONS, List.of("*"))
                    .principal("AWS", "*")
                    .condition("ArnEquals", "aws:PrincipalArn", autoScalingRoleArn(region))
                    .condition("StringEquals", "kms:CallerAccount", region.accountId()),
                Policy.allow(
                        "AutoScalingGrantsForVolumes", List.of("kms:CreateGrant"), List.of("*"))
                    .principal("AWS", "*")
                    .condition("ArnEquals", "aws:PrincipalArn", autoScalingRoleArn(region))
                    .condition("StringEquals", "kms:CallerAccount", region.accountId())
                    .condition("Bool", "kms:GrantIsForAWSResource", "true")));

    this.key =
        new KmsKey(
            this,
            "key",
            KmsKeyConfig.builder()
                .provider(region.provider())
                .description(region.names().label() + " data key in " + region.name())
                .enableKeyRotation(true)
                .deletionWindowInDays(30)
                .policy(policy)
                .lifecycle(
                    TerraformResourceLifecycle.builder()
                        .preventDestroy(props.preventDestroy())
                        .build())
                .build());
    new KmsAlias(
        this,
        "alias",
        KmsAliasConfig.builder()
            .provider(region.provider())
            .name(region.names().keyAlias())
            .targetKeyId(key.getKeyId())
            .build());
    this.arnHandOff =
        new SsmHandOff(
            this,
            "arn-hand-off",
            new SsmHandOff.Props(region, SsmHandOff.Kind.KMS_KEY_ARN, key.getArn()));
  }

  private static String autoScalingRoleArn(Region region) {
    return region.iamArn(
        "role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
  }

  private static List<String> concat(List<String> list, String extra) {
    return java.util.stream.Stream.concat(list.stream(), java.util.stream.Stream.of(extra))
        .toList();
  }

  /**
   * A log group in the key's region, encrypted with the key (the key policy lets CloudWatch Logs
   * use it for the region's log groups).
   */
  public CloudwatchLogGroup encryptedLogGroup(
      Construct scope, String id, String name, int retentionDays) {
    return new CloudwatchLogGroup(
        scope,
        id,
        CloudwatchLogGroupConfig.builder()
            .provider(region.provider())
            .name(name)
            .retentionInDays(retentionDays)
            .kmsKeyId(key.getArn())
            .build());
  }

  /** The key's ARN, for resources in the key's own region only. */
  public String arn() {
    return key.getArn();
  }

  /** The ARN as published to SSM: what other regions use. */
  public SsmHandOff arnHandOff() {
    return arnHandOff;
  }
}
