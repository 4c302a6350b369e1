package io.drstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import io.drstack.config.ConfigException;
import io.drstack.config.ConfigLoader;
import io.drstack.config.DrConfig;
import io.drstack.config.Names;
import io.drstack.cost.CostEstimate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Builds the app and the stack, and prints the stack's monthly cost estimate. */
public final class Main {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Main() {}

  public static void main(String[] args) {
    int status = synthesize(System.getenv());
    if (status != 0) {
      System.exit(status);
    }
  }

  /** One line with the monthly cost of the stack just written (help/cost.md). */
  private static void printCostEstimate(App app, TapStack stack) {
    Path written = Path.of(app.getOutdir(), "stacks", stack.getNode().getId(), "cdk.tf.json");
    try {
      System.out.println(CostEstimate.of(JSON.readTree(written.toFile())).summary());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the stack just written, " + written, e);
    }
  }

  /**
   * One synthesis, the only one: this JVM's own, and each of the synth daemon's ({@link
   * io.drstack.launcher.SynthDaemon}, which calls it in the build it compiled). Everything comes
   * from {@code env}: the output directory and context the CDKTF CLI passes ({@code CDKTF_OUTDIR},
   * {@code CDKTF_CONTEXT_JSON}) and the settings. Returns the exit status: 0, or 2 after printing
   * on {@link System#err} why the configuration is refused, with nothing written. Anything else
   * that fails is thrown.
   */
  public static int synthesize(Map<String, String> env) {
    App.Builder builder = App.Builder.create();
    String outdir = env.get("CDKTF_OUTDIR");
    if (outdir != null) {
      builder.outdir(outdir);
    }
    String context = env.get("CDKTF_CONTEXT_JSON");
    if (context != null && !context.isEmpty()) {
      try {
        builder.context(JSON.readValue(context, new TypeReference<Map<String, Object>>() {}));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "CDKTF_CONTEXT_JSON is not a JSON object: " + e.getOriginalMessage(), e);
      }
    }
    App app = builder.build();
    DrConfig config;
    try {
      config = ConfigLoader.load(app, env);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return 2;
    }
    TapStack stack = new TapStack(app, config, new Names(config.environmentSuffix()));
    app.synth();
    printCostEstimate(app, stack);
    return 0;
  }
}
