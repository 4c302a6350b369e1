package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Lookup, parsing and refusal collection, on plain maps: no rules of any area. */
class SettingSourceTest {

  private static SettingSource source(Map<String, ?> context, Map<String, String> env) {
    return new SettingSource(context, env);
  }

  @Test
  void theEnvironmentWinsOverTheContextAndIsTrimmed() {
    SettingSource settings =
        source(Map.of("appPort", 9000, "instanceType", "m5.large"), Map.of("DR_APP_PORT", " 9443"));
    assertEquals(9443, settings.integer(Setting.APP_PORT, 1024, 65535));
    assertEquals("m5.large", settings.text(Setting.INSTANCE_TYPE));
    assertEquals(Optional.of("9443"), settings.fromEnvironment(Setting.APP_PORT));
  }

  @Test
  void unsetAndEmptyTakeTheSettingsOwnDefault() {
    SettingSource settings = source(Map.of(), Map.of("DR_APP_PORT", ""));
    assertEquals(8080, settings.integer(Setting.APP_PORT, 1024, 65535));
    assertEquals("t3.micro", settings.text(Setting.INSTANCE_TYPE));
    assertTrue(settings.bool(Setting.PREVENT_DESTROY));
    assertEquals(10, settings.oneOf(Setting.HEALTH_CHECK_INTERVAL, Set.of(10, 30), "10 or 30"));
    assertFalse(settings.isSet(Setting.APP_PORT));
    assertEquals(List.of(), settings.problems());
  }

  @Test
  void anEmptyOptionalSettingIsNoneAndAnUnsetOneItsDefault() {
    SettingSource settings = source(Map.of(), Map.of("DR_ALARM_EMAIL", ""));
    assertEquals(Optional.empty(), settings.optionalText(Setting.ALARM_EMAIL));
    assertEquals(
        Optional.of("expiresAt"), settings.optionalText(Setting.PRIMARY_AMI_ID, "expiresAt"));
    assertEquals(Optional.empty(), settings.optionalText(Setting.PRIMARY_AMI_ID));
  }

  @ParameterizedTest
  @CsvSource({"yes, true or false", "1.5, a whole number from 1 to 10"})
  void aBadValueIsRecordedWithTheSettingsLabelAndTheDefaultIsKept(String value, String expected) {
    SettingSource settings =
        source(
            Map.of(),
            Map.of("DR_PREVENT_DESTROY", value, "DR_HEALTH_CHECK_FAILURE_THRESHOLD", value));
    boolean preventDestroy = settings.bool(Setting.PREVENT_DESTROY);
    int threshold = settings.integer(Setting.HEALTH_CHECK_FAILURE_THRESHOLD, 1, 10);
    assertTrue(preventDestroy);
    assertEquals(3, threshold);
    assertTrue(
        settings.problems().stream()
            .anyMatch(
                problem ->
                    problem.startsWith(Setting.PREVENT_DESTROY.label() + " = \"" + value + "\"")),
        settings.problems()::toString);
    assertTrue(
        settings.problems().stream().anyMatch(problem -> problem.endsWith("expected " + expected)),
        settings.problems()::toString);
    assertTrue(settings.refused(Setting.PREVENT_DESTROY, Setting.APP_PORT));
    assertFalse(settings.refused(Setting.APP_PORT));
  }

  /** Every default the code takes as it is parses as the type its setting is read as. */
  @ParameterizedTest
  @EnumSource(
      value = Setting.class,
      names = {
        "APP_PORT",
        "PRIMARY_MIN_CAPACITY",
        "SECONDARY_MAX_CAPACITY",
        "HEALTH_CHECK_FAILURE_THRESHOLD",
        "REPLICATION_LATENCY_THRESHOLD_MS",
        "TARGET_RTO_SECONDS",
        "TARGET_RPO_SECONDS"
      })
  void numericDefaultsAreNumbers(Setting setting) {
    assertEquals(
        Integer.parseInt(setting.defaultValue()),
        source(Map.of(), Map.of()).integer(setting, 0, Integer.MAX_VALUE));
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutionsIgnoringCase() {
    assertEquals(0, SettingSource.editDistance("appPort", "APPPORT"));
    assertEquals(2, SettingSource.editDistance("primaryRegoin", "primaryRegion"));
    assertEquals(1, SettingSource.editDistance("alarmMail", "alarmEmail"));
    assertEquals(3, SettingSource.editDistance("", "abc"));
  }

  @Test
  void unknownContextKeysAreRecordedAndCdktfsOwnPass() {
    SettingSource settings =
        source(Map.of("alarmMail", "a@b.c", "cdktfJsonPath", "x", "appPort", 9000), Map.of());
    settings.refuseUnknownContextKeys();
    assertEquals(1, settings.problems().size(), settings.problems()::toString);
    assertTrue(settings.problems().get(0).contains("did you mean " + Setting.ALARM_EMAIL.label()));
    assertTrue(SettingSource.isCdktfContextKey("@cdktf/anything"));
    assertFalse(SettingSource.isCdktfContextKey("primaryRegoin"));
  }
}
