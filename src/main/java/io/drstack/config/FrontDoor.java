package io.drstack.config;

/** What users resolve and connect to before a region's load balancer. */
public enum FrontDoor {
  /** Route 53 records: a region leaves the answers, and clients follow once their TTL ends. */
  DNS("dns"),
  /**
   * AWS Global Accelerator: two anycast addresses that never change, with an endpoint group per
   * region; a region leaves without any client cache to wait for.
   */
  ACCELERATOR("accelerator");

  private final String value;

  FrontDoor(String value) {
    this.value = value;
  }

  /** {@code dns} or {@code accelerator}, as the setting spells it. */
  public String value() {
    return value;
  }
}
