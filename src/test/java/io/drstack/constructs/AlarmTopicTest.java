package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.list;
import static io.drstack.support.StackJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.sns_topic_subscription.SnsTopicSubscription;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link AlarmTopic}: a KMS-encrypted topic per region that CloudWatch may publish to, with the
 * configured address, if any, subscribed.
 */
class AlarmTopicTest {

  private static Set<String> providersOfTopics(Synthesized stack) {
    return stack.resources("aws_sns_topic").values().stream()
        .map(t -> t.path("provider").asText())
        .collect(Collectors.toSet());
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void topicsAreEncryptedWithTheKeyOfTheirRegion(Synthesized stack) {
    assertEquals(
        stack.resources("aws_sns_topic").size(),
        providersOfTopics(stack).size(),
        "one topic per region");
    assertTrue(providersOfTopics(stack).containsAll(SERVICE_PROVIDERS));
    for (JsonNode topic : stack.resources("aws_sns_topic").values()) {
      Ref key = ref(stack, topic.path("kms_master_key_id"));
      assertEquals("aws_kms_key", key.type());
      assertEquals(topic.path("provider").asText(), key.provider());
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void cloudWatchMayPublishToEachTopicAndUseItsKey(Synthesized stack) {
    for (var topic : stack.resources("aws_sns_topic").entrySet()) {
      String provider = topic.getValue().path("provider").asText();
      List<JsonNode> policies =
          stack.resources("aws_sns_topic_policy").values().stream()
              .filter(p -> ref(stack, p.path("arn")).name().equals(topic.getKey()))
              .toList();
      assertEquals(1, policies.size(), topic.getKey() + " policy");
      assertEquals(provider, policies.get(0).path("provider").asText());
      JsonNode document = ref(stack, policies.get(0).path("policy")).block();
      assertTrue(
          allows(document, "cloudwatch.amazonaws.com", "sns:Publish"),
          topic.getKey() + " lets CloudWatch alarms publish");

      // Publishing to an encrypted topic needs the key as well.
      JsonNode key = ref(stack, topic.getValue().path("kms_master_key_id")).block();
      JsonNode keyPolicy = ref(stack, key.path("policy")).block();
      assertTrue(allows(keyPolicy, "cloudwatch.amazonaws.com", "kms:GenerateDataKey*"));
      assertTrue(allows(keyPolicy, "cloudwatch.amazonaws.com", "kms:Decrypt"));
    }
  }

  private static boolean allows(JsonNode document, String service, String action) {
    return list(document.path("statement")).stream()
        .filter(s -> !"Deny".equals(s.path("effect").asText()))
        .filter(s -> list(s.path("actions")).stream().anyMatch(a -> a.asText().equals(action)))
        .anyMatch(
            s ->
                list(s.path("principals")).stream()
                    .anyMatch(
                        p ->
                            "Service".equals(p.path("type").asText())
                                && list(p.path("identifiers")).stream()
                                    .anyMatch(i -> i.asText().equals(service))));
  }

  @Test
  void nobodyIsSubscribedUnlessAnAddressIsConfigured() {
    assertTrue(Synthesized.defaults().config().alerting().email().isEmpty());
    assertTrue(Synthesized.defaults().resources("aws_sns_topic_subscription").isEmpty());
    assertTrue(Stacks.alternative().resources("aws_sns_topic_subscription").isEmpty());
  }

  @Test
  void theConfiguredAddressIsSubscribedToEveryTopic() {
    Synthesized stack = Stacks.custom();
    String email = stack.config().alerting().email().orElseThrow();
    Map<String, JsonNode> subscriptions = stack.resources("aws_sns_topic_subscription");
    assertEquals(stack.resources("aws_sns_topic").keySet().size(), subscriptions.size());
    Set<String> subscribed = new HashSet<>();
    for (JsonNode subscription : subscriptions.values()) {
      Ref topic = ref(stack, subscription.path("topic_arn"));
      assertEquals("aws_sns_topic", topic.type());
      assertEquals(topic.provider(), subscription.path("provider").asText());
      subscribed.add(topic.name());
    }
    assertEquals(stack.resources("aws_sns_topic").keySet(), subscribed);
    for (String provider : SERVICE_PROVIDERS) {
      assertTrue(
          Testing.toHaveResourceWithProperties(
              stack.json(),
              SnsTopicSubscription.TF_RESOURCE_TYPE,
              Map.of("provider", provider, "protocol", "email", "endpoint", email)));
    }
  }
}
