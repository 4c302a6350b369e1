package io.drstack.config;

/** One region's Auto Scaling group size: its minimum, the size it starts with, and its maximum. */
final class CapacityRules {
  private CapacityRules() {}

  /** The largest size any of the three may take. */
  private static final int MOST = 100;

  /** {@code lowest}: the smallest minimum and starting size the region may have. */
  static Capacity capacity(
      SettingSource settings,
      Setting minSetting,
      Setting desiredSetting,
      Setting maxSetting,
      int lowest) {
    int min = settings.integer(minSetting, lowest, MOST);
    int max = settings.integer(maxSetting, 1, MOST);
    int desired = settings.integer(desiredSetting, lowest, MOST);
    if (max < min) {
      settings.refuse(maxSetting, max, "at least " + minSetting.contextKey() + " (" + min + ")");
    } else if (desired < min || desired > max) {
      settings.refuse(
          desiredSetting,
          desired,
          "between "
              + minSetting.contextKey()
              + " ("
              + min
              + ") and "
              + maxSetting.contextKey()
              + " ("
              + max
              + ")");
    }
    return new Capacity(min, desired, max);
  }
}
