package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.StateBackend;
import io.drstack.constructs.EscapeHatch;
import io.drstack.support.AllStacks;
import io.drstack.support.Synthesized;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Where each configuration's state lives. The local file lies outside {@code cdktf.out}, which the
 * CDKTF CLI deletes from whenever a synth no longer produces a stack: Terraform opens the path from
 * {@code cdktf.out/stacks/<stack>/}. S3 state lives in neither serving region, so that either's
 * failure leaves it readable and lockable, and is locked by Terraform's lock file.
 */
class StateBackendTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void eachStackHasExactlyTheBackendItsConfigurationNames(Synthesized stack) {
    JsonNode terraform = stack.tree().path("terraform");
    JsonNode backend = terraform.path("backend");
    assertEquals(1, backend.size(), backend::toString);
    if (stack.config().stateBackend() instanceof StateBackend.S3 s3) {
      s3StateIsOutsideBothRegionsAndLockedByItsFile(stack, s3);
    } else {
      assertTrue(backend.has("local"), backend::toString);
      // The local default needs no particular Terraform release.
      assertTrue(terraform.path("required_version").isMissingNode(), terraform::toString);
      localStateIsUnderTheProjectsStateDirectoryNotCdktfOut(stack, backend.path("local"));
    }
  }

  private static void localStateIsUnderTheProjectsStateDirectoryNotCdktfOut(
      Synthesized stack, JsonNode local) {
    String path = local.path("path").asText();
    String stackName = stack.config().stackName();
    assertEquals(
        StateBackend.Local.STACK_DIR_TO_PROJECT_ROOT + "state/terraform." + stackName + ".tfstate",
        path);
    assertEquals("../../../state/terraform." + stackName + ".tfstate", path);

    Path stackDir = Path.of("cdktf.out", "stacks", stackName);
    Path resolved = stackDir.resolve(path).normalize();
    assertEquals(Path.of("state", "terraform." + stackName + ".tfstate"), resolved);
    assertFalse(resolved.startsWith("cdktf.out"), resolved::toString);
    assertTrue(stackName.startsWith("TapStack"), stackName);
  }

  private static void s3StateIsOutsideBothRegionsAndLockedByItsFile(
      Synthesized stack, StateBackend.S3 s3) {
    JsonNode terraform = stack.tree().path("terraform");
    JsonNode backend = terraform.path("backend").path("s3");
    String region = backend.path("region").asText();
    assertEquals(s3.region(), region);
    assertNotEquals(stack.config().primary().region(), region);
    assertNotEquals(stack.config().secondary().region(), region);
    assertEquals(s3.bucket(), backend.path("bucket").asText());
    assertEquals(s3.key(), backend.path("key").asText());
    assertTrue(backend.path("encrypt").asBoolean(), backend::toString);
    assertTrue(backend.path("use_lockfile").asBoolean(), backend::toString);
    assertEquals(
        EscapeHatch.REQUIRED_TERRAFORM_FOR_S3_STATE,
        terraform.path("required_version").asText(),
        terraform::toString);
    // The lock table only while it is configured, next to the lock file.
    assertEquals(
        s3.lockTable().orElse(""), backend.path("dynamodb_table").asText(""), backend::toString);
    assertEquals(s3.kmsKeyId().orElse(""), backend.path("kms_key_id").asText(""));
    s3.kmsKeyId().ifPresent(key -> assertTrue(key.contains(":" + region + ":"), key));
  }
}
