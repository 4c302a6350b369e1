package io.drstack.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drstack.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * The shipped examples, {@code examples/<name>/cdktf.json}: each is the project's {@code
 * cdktf.json} with its own {@code context}, synthesized with {@code ENVIRONMENT_SUFFIX=<name>}. For
 * a test over each: {@code @ParameterizedTest @ArgumentsSource(Examples.class) void test(Example
 * example)}.
 */
public final class Examples implements ArgumentsProvider {
  public static final Path DIRECTORY = Path.of("examples");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One example: its name (also its suffix) and its {@code cdktf.json}. */
  public record Example(String name, Path file) {

    /** The whole {@code cdktf.json}. */
    public Map<String, Object> cdktfJson() {
      try {
        return JSON.readValue(file.toFile(), new TypeReference<Map<String, Object>>() {});
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> context() {
      return (Map<String, Object>) cdktfJson().get("context");
    }

    /** The environment the example is synthesized in: only its suffix. */
    public Map<String, String> env() {
      return Map.of("ENVIRONMENT_SUFFIX", name);
    }

    /** The stack, synthesized once per run. */
    public Synthesized stack() {
      return Synthesized.of(ConfigLoader.load(context(), env()));
    }
  }

  /** Every example, by name. */
  public static List<Example> all() {
    try (Stream<Path> dirs = Files.list(DIRECTORY)) {
      return dirs.filter(dir -> Files.isRegularFile(dir.resolve("cdktf.json")))
          .sorted()
          .map(dir -> new Example(dir.getFileName().toString(), dir.resolve("cdktf.json")))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    return all().stream().map(example -> Arguments.of(Named.of(example.name(), example)));
  }
}
