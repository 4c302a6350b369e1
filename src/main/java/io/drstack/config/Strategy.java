package io.drstack.config;

/** How the two regions share the traffic (AWS's disaster-recovery whitepaper names both). */
public enum Strategy {
  /** The primary serves; the secondary runs scaled down and takes the traffic when it fails. */
  WARM_STANDBY("warmStandby"),
  /** Both regions serve all the time, each sized for the whole load; a failed one is taken out. */
  ACTIVE_ACTIVE("activeActive");

  private final String value;

  Strategy(String value) {
    this.value = value;
  }

  /** {@code warmStandby} or {@code activeActive}, as the setting spells it. */
  public String value() {
    return value;
  }
}
