package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.config.StateBackend;
import io.drstack.support.AllStacks;
import io.drstack.support.Synthesized;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The local state file lies outside {@code cdktf.out}, which the CDKTF CLI deletes from whenever a
 * synth no longer produces a stack: Terraform opens the path from {@code
 * cdktf.out/stacks/<stack>/}.
 */
class StateBackendTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void localStateIsUnderTheProjectsStateDirectoryNotCdktfOut(Synthesized stack) {
    JsonNode backend = stack.tree().path("terraform").path("backend");
    assertEquals(1, backend.size(), backend::toString);
    String path = backend.path("local").path("path").asText();
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
}
