package io.drstack.support;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Every configuration of {@link Stacks}, for a test that holds for each of them:
 * {@code @ParameterizedTest @ArgumentsSource(AllStacks.class) void test(Synthesized stack)}. Each
 * is synthesized when its invocation runs (once per run: {@link Synthesized} caches it).
 */
public final class AllStacks implements ArgumentsProvider {

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    return Arrays.stream(Stacks.Configuration.values())
        .map(configuration -> Arguments.of(Named.of(configuration.label(), configuration.stack())));
  }
}
