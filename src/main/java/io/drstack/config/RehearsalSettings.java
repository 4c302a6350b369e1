package io.drstack.config;

/**
 * Failover you can rehearse and control.
 *
 * @param drill an AWS FIS experiment template that stops the primary's instances
 * @param drillMinutes how long the drill keeps them stopped
 * @param regionSwitchPlan an ARC Region switch plan (priced per plan and month)
 * @param approval a manual-approval step first in each of the plan's workflows
 * @param triggers the plan fails over by itself when the primary's endpoint alarm is red
 */
public record RehearsalSettings(
    boolean drill, int drillMinutes, boolean regionSwitchPlan, boolean approval, boolean triggers) {

  /** The longest drill the configuration accepts, in minutes. */
  public static final int MAX_DRILL_MINUTES = 60;

  static RehearsalSettings read(SettingSource settings) {
    boolean plan = settings.get(Setting.REGION_SWITCH_PLAN);
    boolean approval = planOption(settings, Setting.REGION_SWITCH_APPROVAL, plan);
    boolean triggers = planOption(settings, Setting.REGION_SWITCH_TRIGGERS, plan);
    return new RehearsalSettings(
        settings.get(Setting.FAILOVER_DRILL),
        settings.get(Setting.DRILL_DURATION_MINUTES),
        plan,
        approval,
        triggers);
  }

  private static boolean planOption(
      SettingSource settings, Setting<Boolean> setting, boolean plan) {
    boolean on = settings.get(setting);
    if (on && !plan) {
      settings.refuse(
          setting, "true", "false unless regionSwitchPlan is true (it is a step of the plan)");
    }
    return on;
  }
}
