package io.drstack.constructs;

import com.hashicorp.cdktf.Precondition;
import com.hashicorp.cdktf.TerraformLocal;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopic;
import com.hashicorp.cdktf.providers.aws.sns_topic.SnsTopicConfig;
import com.hashicorp.cdktf.providers.aws.sns_topic_policy.SnsTopicPolicy;
import com.hashicorp.cdktf.providers.aws.sns_topic_policy.SnsTopicPolicyConfig;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscription;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscriptionConfig;
import io.drstack.config.AlertingSettings;
import java.util.List;
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
   * @param alerting who is subscribed (the e-mail subscription must be confirmed from the mail), or
   *     that nobody need be
   */
  public record Props(Region region, RegionalKey key, AlertingSettings alerting) {}

  /** Why a plan stops when nobody would be paged; the synth's warning says the same. */
  public static final String NOBODY_PAGED =
      "Nobody is subscribed to the alarm topics: every alarm of this stack would page nobody."
          + " Set alarmEmail (cdktf.json context \"alarmEmail\" or env DR_ALARM_EMAIL), or, when"
          + " your paging system subscribes to the dr-alarms topics itself (or in tests), set"
          + " alarmSubscriberWaived to true (env DR_ALARM_SUBSCRIBER_WAIVED). See"
          + " help/configuration.md.";

  private final Region region;
  private final SnsTopic topic;

  public AlarmTopic(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    this.topic =
        new SnsTopic(
            this,
            "topic",
            withPagingGuard(props.alerting(), SnsTopicConfig.builder())
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
        .alerting()
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

  /**
   * When nobody would be paged, a precondition that fails every plan, as for a placeholder zone
   * name: {@code cdktf deploy} stops before it creates anything. Synth still works, and warns.
   */
  private SnsTopicConfig.Builder withPagingGuard(
      AlertingSettings alerting, SnsTopicConfig.Builder topic) {
    if (!alerting.nobodyPaged()) {
      return topic;
    }
    // A precondition must refer to something: the local says what is wrong, by name.
    var nobody = new TerraformLocal(this, "nobody_is_paged", true);
    return topic.lifecycle(
        TerraformResourceLifecycle.builder()
            .precondition(
                List.of(
                    Precondition.builder()
                        .condition("${!" + nobody.getFqn() + "}")
                        .errorMessage(NOBODY_PAGED)
                        .build()))
            .build());
  }

  /** The topic's ARN, for alarms in the topic's own region only. */
  public String arn() {
    return topic.getArn();
  }

  public Region region() {
    return region;
  }
}
