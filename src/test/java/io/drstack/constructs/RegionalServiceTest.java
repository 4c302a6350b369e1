package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
import static io.drstack.support.StackJson.ref;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.hashicorp.cdktf.Testing;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson.Ref;
import io.drstack.support.Synthesized;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@link RegionalService}: what the composition promises beyond its parts. It hands each part the
 * region's key and the configured log retention, so every log group of the service (the
 * application's, from {@link Fleet}, and the flow logs', from {@link Network}) is alike.
 */
class RegionalServiceTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void logGroupsAreEncryptedWithTheirRegionsKeyAndKeptAsConfigured(Synthesized stack) {
    int retention = stack.config().alerting().logRetentionDays();
    for (String provider : SERVICE_PROVIDERS) {
      Map<String, JsonNode> groups = in(stack.resources("aws_cloudwatch_log_group"), provider);
      assertFalse(groups.isEmpty(), provider + " log group");
      groups.forEach(
          (name, group) -> {
            assertEquals(retention, group.path("retention_in_days").asInt(), name);
            Ref key = ref(stack, group.path("kms_key_id"));
            assertEquals("aws_kms_key", key.type());
            assertEquals("arn", key.attribute());
            assertEquals(provider, key.provider(), name + " uses its region's key");
          });
      assertTrue(
          Testing.toHaveResourceWithProperties(
              stack.json(),
              CloudwatchLogGroup.TF_RESOURCE_TYPE,
              Map.of("provider", provider, "retention_in_days", retention)));
    }
  }
}
