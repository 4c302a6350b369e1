package io.drstack.config;

/**
 * One region's Auto Scaling group size: its minimum, the size it starts with, and its maximum, each
 * in its own declared range, and in that order.
 */
final class CapacityRules {
  private CapacityRules() {}

  static Capacity capacity(
      SettingSource settings,
      Setting<Integer> minSetting,
      Setting<Integer> desiredSetting,
      Setting<Integer> maxSetting) {
    int min = settings.get(minSetting);
    int max = settings.get(maxSetting);
    int desired = settings.get(desiredSetting);
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
