package io.drstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.Testing;
import io.drstack.TapStack;
import io.drstack.config.ConfigLoader;
import io.drstack.config.DrConfig;
import io.drstack.config.Names;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.constructs.IConstruct;
import software.constructs.MetadataEntry;

/**
 * A stack synthesized once per configuration and shared by every test that asks for it: jsii
 * synthesis takes seconds, assertions take microseconds.
 */
public final class Synthesized {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<DrConfig, Synthesized> CACHE = new ConcurrentHashMap<>();

  private final DrConfig config;
  private final Names names;
  private final TapStack stack;
  private final String json;
  private final JsonNode tree;

  private Synthesized(DrConfig config) {
    this(config, stack -> {});
  }

  private Synthesized(DrConfig config, Consumer<TapStack> extension) {
    this.config = config;
    App app = Testing.app();
    this.names = new Names(config.environmentSuffix());
    this.stack = new TapStack(app, config, names);
    extension.accept(stack);
    this.json = Testing.synth(stack);
    try {
      this.tree = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stack with every setting at its default. */
  public static Synthesized defaults() {
    return with(Map.of());
  }

  /** The stack with these environment overrides (context empty, so code defaults apply). */
  public static Synthesized with(Map<String, String> env) {
    return of(config(env));
  }

  public static Synthesized of(DrConfig config) {
    return CACHE.computeIfAbsent(config, Synthesized::new);
  }

  /**
   * The stack of {@code config} with constructs that {@code extension} adds to it before synthesis:
   * a construct the stack does not build yet, tried as if it did. Not cached.
   */
  public static Synthesized extended(DrConfig config, Consumer<TapStack> extension) {
    return new Synthesized(config, extension);
  }

  /** The configuration these environment overrides produce. */
  public static DrConfig config(Map<String, String> env) {
    return ConfigLoader.load(Map.of(), env);
  }

  public DrConfig config() {
    return config;
  }

  public TapStack stack() {
    return stack;
  }

  /** The names the stack was given, with every name it issued. */
  public Names names() {
    return names;
  }

  /** The synthesized stack as {@link Testing}'s matchers take it. */
  public String json() {
    return json;
  }

  public JsonNode tree() {
    return tree;
  }

  /** Resources of one type, by their logical name. */
  public Map<String, JsonNode> resources(String type) {
    return blocks("resource", type);
  }

  /** Data sources of one type, by their logical name. */
  public Map<String, JsonNode> dataSources(String type) {
    return blocks("data", type);
  }

  private Map<String, JsonNode> blocks(String kind, String type) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    tree.path(kind).path(type).fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue()));
    return result;
  }

  /** The warnings synthesis reported ({@code Annotations.addWarning}), from any construct. */
  public List<String> warnings() {
    List<String> result = new ArrayList<>();
    for (IConstruct construct : stack.getNode().findAll()) {
      for (MetadataEntry entry : construct.getNode().getMetadata()) {
        // The type Annotations.addWarning records (AnnotationMetadataEntryType.WARN).
        if ("@cdktf/warn".equals(entry.getType())) {
          result.add(String.valueOf(entry.getData()));
        }
      }
    }
    return result;
  }
}
