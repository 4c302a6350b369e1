package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.AllStacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * help/operations.md, "While the primary region is down": a targeted apply of the secondary's Auto
 * Scaling group must need nothing of the primary region. Terraform plans a target with everything
 * it refers to, directly or not, so all of that must be managed through the secondary's provider.
 */
class OutageProcedureTest {

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theSecondarysGroupDependsOnTheSecondaryRegionAlone(Synthesized stack) {
    Map<String, Block> blocks = TfJson.byAddress(stack.tree());
    Block group = TfJson.only(stack.tree(), false, "aws_autoscaling_group", "aws.secondary");

    Set<String> closure = new TreeSet<>();
    Deque<Block> pending = new ArrayDeque<>();
    pending.add(group);
    while (!pending.isEmpty()) {
      Block block = pending.pop();
      if (!closure.add(block.address())) {
        continue;
      }
      TfJson.awsReferences(block.body())
          .forEach(
              reference ->
                  Optional.ofNullable(blocks.get(reference.address())).ifPresent(pending::add));
      for (JsonNode dependency : block.body().path("depends_on")) {
        Optional.ofNullable(blocks.get(dependency.asText())).ifPresent(pending::add);
      }
    }

    assertTrue(closure.size() > 10, () -> "the group's dependencies were found: " + closure);
    for (String address : closure) {
      assertEquals(
          Optional.of("aws.secondary"),
          blocks.get(address).provider(),
          address + " is planned with the secondary's group, so it must not need the primary");
    }
  }
}
