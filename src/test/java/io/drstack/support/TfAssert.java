package io.drstack.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.cdktf.Testing;
import java.util.Map;

/** {@link Testing}'s matchers as assertions whose failures show what the stack holds instead. */
public final class TfAssert {
  private TfAssert() {}

  public static void hasResource(Synthesized stack, String type, Map<String, ?> properties) {
    assertTrue(
        Testing.toHaveResourceWithProperties(stack.json(), type, properties),
        () -> "no resource " + type + " with " + properties + "; found " + stack.resources(type));
  }

  public static void hasDataSource(Synthesized stack, String type, Map<String, ?> properties) {
    assertTrue(
        Testing.toHaveDataSourceWithProperties(stack.json(), type, properties),
        () -> "no data " + type + " with " + properties + "; found " + stack.dataSources(type));
  }

  public static void hasProvider(Synthesized stack, String type, Map<String, ?> properties) {
    assertTrue(
        Testing.toHaveProviderWithProperties(stack.json(), type, properties),
        () ->
            "no provider "
                + type
                + " with "
                + properties
                + "; found "
                + stack.tree().path("provider").path(type));
  }
}
