package io.drstack.config;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code DR_} environment variables that are no setting of the stack: the project's tools read
 * them (the synth launcher, CI, the tests). They may be in the environment of a synth, so they are
 * the only {@code DR_} variables besides the settings' that a synth accepts; any other is refused
 * as a probable typo. A script that reads a new one must declare it here ({@code ToolVariableTest}
 * finds every {@code DR_} name the scripts use).
 */
public enum ToolVariable {
  SYNTH_DAEMON("DR_SYNTH_DAEMON", "the synth launcher, src/main/scripts/app.sh: on or off"),
  SYNTH_DAEMON_IDLE_MINUTES(
      "DR_SYNTH_DAEMON_IDLE_MINUTES", "the synth launcher: minutes before an idle daemon stops"),
  CDKTF_CLI(
      "DR_CDKTF_CLI", "src/main/scripts/jsii-env.sh: the CDKTF CLI package every script runs"),
  TF_AWS_PROVIDER_VERSION(
      "DR_TF_AWS_PROVIDER_VERSION",
      ".ci/tools/terraform.sh env: the AWS provider version mirrored"),
  TOOLS_BUILD_TIMEOUT("DR_TOOLS_BUILD_TIMEOUT", ".ci/run: how long the tools may take to build"),
  STACK_PLUGIN_CACHE(
      "DR_STACK_PLUGIN_CACHE", ".ci/tools/aws-provider.sh: where built providers are cached"),
  PREBUILT_PROVIDER_DIR(
      "DR_PREBUILT_PROVIDER_DIR", ".ci/tools/aws-provider.sh: a prebuilt provider to install"),
  OPENTOFU(
      "DR_OPENTOFU",
      ".ci/run: whether OpenTofu was installed, for the emulator tier's OpenTofu step"),
  EMULATOR_KEEP("DR_EMULATOR_KEEP", ".ci/tools/emulator-tier.sh: keep the scratch directory"),
  UPDATE_SYNTHESIZED("DR_UPDATE_SYNTHESIZED", "AddressStabilityTest: re-record the stacks' JSON"),
  LAUNCHER_TEST_TOKEN(
      "DR_LAUNCHER_TEST_TOKEN", "src/test/scripts/launcher-test.sh: a secret that must not leak");

  private final String variable;
  private final String reader;

  ToolVariable(String variable, String reader) {
    this.variable = variable;
    this.reader = reader;
  }

  /** The variable's name. */
  public String variable() {
    return variable;
  }

  /** Which tool reads it, and what for. */
  public String reader() {
    return reader;
  }

  /** The tool variable of this exact name. */
  public static Optional<ToolVariable> named(String name) {
    return Stream.of(values()).filter(tool -> tool.variable.equals(name)).findFirst();
  }
}
