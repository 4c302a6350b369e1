package io.drstack.config;

/**
 * How the regions share the traffic and what stands before them.
 *
 * @param strategy warm standby, or both regions serving
 * @param frontDoor Route 53 alone, or Global Accelerator before the load balancers
 */
public record TrafficSettings(Strategy strategy, FrontDoor frontDoor) {

  /** Whether both regions serve all the time. */
  public boolean activeActive() {
    return strategy == Strategy.ACTIVE_ACTIVE;
  }

  /** Whether Global Accelerator stands before the load balancers. */
  public boolean accelerator() {
    return frontDoor == FrontDoor.ACCELERATOR;
  }

  static TrafficSettings read(
      SettingSource settings, Capacity primary, Capacity secondary, CanarySettings canary) {
    Strategy strategy = settings.get(Setting.STRATEGY);
    FrontDoor frontDoor = settings.get(Setting.FRONT_DOOR);
    if (strategy == Strategy.ACTIVE_ACTIVE) {
      refuseUndersized(settings, Setting.PRIMARY_MAX_CAPACITY, primary, secondary);
      refuseUndersized(settings, Setting.SECONDARY_MAX_CAPACITY, secondary, primary);
      if (secondary.min() == 0) {
        settings.refuse(
            Setting.SECONDARY_MIN_CAPACITY,
            0,
            "at least 1 with strategy activeActive: the secondary serves all the time");
      }
      // The trigger reads traffic on the secondary as a sign that the primary failed; when both
      // serve, more traffic there is as likely a surge, and DNS (or the accelerator) already
      // leaves a failed region by itself.
      if (settings.get(Setting.REGION_SWITCH_PLAN)
          && settings.get(Setting.REGION_SWITCH_TRIGGERS)
          && !settings.refused(Setting.REGION_SWITCH_TRIGGERS)) {
        settings.refuse(
            Setting.REGION_SWITCH_TRIGGERS,
            true,
            "false with strategy activeActive: the trigger follows traffic arriving on a standby,"
                + " and with both regions serving, traffic there says nothing of a failure");
      }
    }
    if (frontDoor == FrontDoor.ACCELERATOR
        && !canary.enabled()
        && !settings.refused(Setting.CANARY)) {
      settings.refuse(
          Setting.CANARY,
          false,
          "true with frontDoor accelerator: the load balancers' target health, which the"
              + " accelerator follows, is the canary's readiness");
    }
    return new TrafficSettings(strategy, frontDoor);
  }

  /**
   * Each region of an active/active pair must carry the whole load when the other fails: its group
   * may grow to both regions' usual instances.
   */
  private static void refuseUndersized(
      SettingSource settings, Setting<Integer> maxSetting, Capacity own, Capacity other) {
    int whole = own.desired() + other.desired();
    if (own.max() < whole && !settings.refused(maxSetting)) {
      settings.refuse(
          maxSetting,
          own.max(),
          "at least "
              + whole
              + " with strategy activeActive (both regions' desired capacity): each region must"
              + " carry the whole load when the other is taken out");
    }
  }
}
