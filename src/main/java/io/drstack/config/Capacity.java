package io.drstack.config;

/** Auto Scaling group size of one region's service. */
public record Capacity(int min, int desired, int max) {

  static Capacity read(
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
