package io.drstack.config;

/** The drill and the Region switch plan: the plan's options only with the plan. */
final class RehearsalRules {
  private RehearsalRules() {}

  static RehearsalSettings rehearsal(SettingSource settings) {
    boolean plan = settings.bool(Setting.REGION_SWITCH_PLAN);
    boolean approval = planOption(settings, Setting.REGION_SWITCH_APPROVAL, plan);
    boolean triggers = planOption(settings, Setting.REGION_SWITCH_TRIGGERS, plan);
    return new RehearsalSettings(
        settings.bool(Setting.FAILOVER_DRILL),
        settings.integer(Setting.DRILL_DURATION_MINUTES, 1, RehearsalSettings.MAX_DRILL_MINUTES),
        plan,
        approval,
        triggers);
  }

  private static boolean planOption(SettingSource settings, Setting setting, boolean plan) {
    boolean on = settings.bool(setting);
    if (on && !plan) {
      settings.refuse(
          setting, "true", "false unless regionSwitchPlan is true (it is a step of the plan)");
    }
    return on;
  }
}
