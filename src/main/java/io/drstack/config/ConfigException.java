package io.drstack.config;

import java.util.List;

/** Thrown when configuration is refused; the message lists every bad setting at once. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(
        "Invalid DR stack configuration; nothing was synthesized:\n  - "
            + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per refused setting, each naming the setting, the value and what is allowed. */
  public List<String> problems() {
    return problems;
  }
}
