package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import io.drstack.support.TfJson.Block;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * help/operations.md, "While the primary region is down" and "While the secondary region is down":
 * a targeted apply of the surviving region's Auto Scaling group must need nothing of the other
 * region. Terraform plans a target with everything it refers to, directly or not, so all of that
 * must be managed through the surviving region's provider.
 */
class OutageProcedureTest {

  /** Every stack, with each of its two regions as the one that survives. */
  static Stream<Arguments> survivors() {
    return Arrays.stream(Stacks.Configuration.values())
        .flatMap(
            configuration ->
                Stream.of("aws.primary", "aws.secondary")
                    .map(
                        survivor ->
                            Arguments.of(
                                Named.of(configuration.label(), configuration.stack()), survivor)));
  }

  @ParameterizedTest(name = "{0}, {1} survives")
  @MethodSource("survivors")
  void theSurvivorsGroupDependsOnItsOwnRegionAlone(Synthesized stack, String survivor) {
    Map<String, Block> blocks = TfJson.byAddress(stack.tree());
    Block group = TfJson.only(stack.tree(), false, "aws_autoscaling_group", survivor);

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
          Optional.of(survivor),
          blocks.get(address).provider(),
          address
              + " is planned with the group of "
              + survivor
              + ", so it must not need the other");
    }
  }
}
