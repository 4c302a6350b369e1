package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopicConfig;
import com.hashicorp.cdktf.providers.aws.sns_topic_policy.SnsTopicPolicy;
import com.hashicorp.cdktf.providers.aws.sns_topic_policy.SnsTopicPolicyConfig;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscription;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscriptionConfig;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The region's alarm topic, encrypted with the region's key. CloudWatch alarms of this account may
 * publish to it; an optional e-mail address is subscribed.
 */
public final class AlarmTopic extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param region where the topic and the alarms that use it live
   * @param key the region's key; its policy lets CloudWatch alarms publish
   * @param email subscribed address, if any (the subscription must be confirmed from the mail)
   */
  public record Props(Region region, RegionalKey key, Optional<String> email) {}

  private final Region region;
  private final SnsTopic topic;

  public AlarmTopic(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    this.topic =
        new SnsTopic(
            this,
            "topic",
            SnsTopicConfig.builder()
                .provider(region.provider())
                .name(region.names().of("alarms"))
                .displayName(region.names().label() + " alarms, " + region.name())
                .kmsMasterKeyId(props.key().arn())
                .build());
    new SnsTopicPolicy(
        this,
        "policy",
        SnsTopicPolicyConfig.builder()
            .provider(region.provider())
            .arn(topic.getArn())
            .policy(
                Policy.document(
                    this,
                    "policy-document",
                    region,
                    List.of(
                        Policy.allow(
                                "AccountManagesTopic",
                                List.of(
                                    "sns:GetTopicAttributes",
                                    "sns:SetTopicAttributes",
                                    "sns:AddPermission",
                                    "sns:RemovePermission",
                                    "sns:DeleteTopic",
                                    "sns:Subscribe",
                                    "sns:ListSubscriptionsByTopic",
                                    "sns:Publish"),
                                List.of(topic.getArn()))
                            .principal("AWS", region.iamArn("root")),
                        Policy.allow(
                                "CloudWatchAlarmsPublish",
                                List.of("sns:Publish"),
                                List.of(topic.getArn()))
                            .principal("Service", "cloudwatch.amazonaws.com")
                            .condition("StringEquals", "aws:SourceAccount", region.accountId()),
                        // Nothing is published in clear text (SNS's own best practice); CloudWatch
                        // publishes over TLS, so its alarms pass.
                        Policy.deny(
                                "PublishOverTlsOnly",
                                List.of("sns:Publish"),
                                List.of(topic.getArn()))
                            .principal("*", "*")
                            .condition("Bool", "aws:SecureTransport", "false"))))
            .build());
    props
        .email()
        .ifPresent(
            address ->
                new SnsTopicSubscription(
                    this,
                    "email",
                    SnsTopicSubscriptionConfig.builder()
                        .provider(region.provider())
                        .topicArn(topic.getArn())
                        .protocol("email")
                        .endpoint(address)
                        .build()));
  }

  /** The topic's ARN, for alarms in the topic's own region only. */
  public String arn() {
    return topic.getArn();
  }

  public Region region() {
    return region;
  }
}
