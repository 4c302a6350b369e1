package io.drstack;

import static io.drstack.support.ConfigRefusals.assertOnlyProblem;
import static io.drstack.support.ConfigRefusals.pairs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drstack.config.Setting;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With {@code expectedAccountId}, Terraform itself refuses another account's credentials. */
class ExpectedAccountTest {
  private static final String ACCOUNT = "123456789012";

  private static List<JsonNode> providers(Synthesized stack) throws Exception {
    JsonNode aws = new ObjectMapper().readTree(stack.json()).path("provider").path("aws");
    return aws.isArray() ? iterable(aws) : List.of(aws);
  }

  private static List<JsonNode> iterable(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  @Test
  void everyProviderAllowsOnlyTheExpectedAccount() throws Exception {
    for (Synthesized stack :
        List.of(
            Synthesized.with(Map.of("DR_EXPECTED_ACCOUNT_ID", ACCOUNT)),
            // A third provider (Route 53's metrics in us-east-1) and the switch's own region.
            Synthesized.with(
                Map.of(
                    "DR_EXPECTED_ACCOUNT_ID",
                    ACCOUNT,
                    "DR_PRIMARY_REGION",
                    "eu-west-1",
                    "DR_SECONDARY_REGION",
                    "eu-central-1")))) {
      List<JsonNode> providers = providers(stack);
      assertEquals(
          Stacks.expectedProviderRegions(stack).size(), providers.size(), "every provider");
      for (JsonNode provider : providers) {
        assertEquals(
            List.of(ACCOUNT),
            iterable(provider.path("allowed_account_ids")).stream().map(JsonNode::asText).toList(),
            () -> "allowed_account_ids of " + provider.path("alias").asText());
      }
    }
  }

  @Test
  void unsetItLimitsNoProvider() throws Exception {
    for (JsonNode provider : providers(Stacks.defaults())) {
      assertFalse(provider.has("allowed_account_ids"), provider::toString);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"12345", "1234567890123", "12345678901a", "arn:aws:iam::123456789012"})
  void anythingButTwelveDigitsIsRefused(String value) {
    assertOnlyProblem(
        Map.of(),
        pairs("DR_EXPECTED_ACCOUNT_ID", value),
        Setting.EXPECTED_ACCOUNT_ID,
        value,
        List.of("an AWS account id of 12 digits"));
  }

  @Test
  void theEmulatorHasNoAccountToCheck() {
    assertOnlyProblem(
        Map.of("expectedAccountId", ACCOUNT),
        pairs("DR_EMULATOR_ENDPOINT", "http://127.0.0.1:4566"),
        Setting.EXPECTED_ACCOUNT_ID,
        ACCOUNT,
        List.of("unset together with emulatorEndpoint"));
  }
}
