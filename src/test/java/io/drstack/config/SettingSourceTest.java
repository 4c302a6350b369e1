package io.drstack.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Lookup, parsing and refusal collection, on plain maps: no rules of any area. */
class SettingSourceTest {

  private static SettingSource source(Map<String, ?> context, Map<String, String> env) {
    return new SettingSource(context, env);
  }

  @Test
  void theEnvironmentWinsOverTheContextAndIsTrimmed() {
    SettingSource settings =
        source(Map.of("appPort", 9000, "instanceType", "m5.large"), Map.of("DR_APP_PORT", " 9443"));
    assertEquals(9443, settings.get(Setting.APP_PORT));
    assertEquals("m5.large", settings.get(Setting.INSTANCE_TYPE));
    assertEquals(Optional.of("9443"), settings.fromEnvironment(Setting.APP_PORT));
  }

  @Test
  void unsetAndEmptyTakeTheSettingsOwnDefault() {
    SettingSource settings = source(Map.of(), Map.of("DR_APP_PORT", ""));
    assertEquals(8080, settings.get(Setting.APP_PORT));
    assertEquals("t3.micro", settings.get(Setting.INSTANCE_TYPE));
    assertTrue(settings.get(Setting.PREVENT_DESTROY));
    assertEquals(10, settings.get(Setting.HEALTH_CHECK_INTERVAL));
    assertEquals(TableConsistency.EVENTUAL, settings.get(Setting.TABLE_CONSISTENCY));
    assertFalse(settings.isSet(Setting.APP_PORT));
    assertEquals(List.of(), settings.problems());
  }

  @Test
  void anEmptyOptionalSettingIsNoneAndAnUnsetOneItsDefault() {
    SettingSource settings = source(Map.of(), Map.of("DR_ALARM_EMAIL", ""));
    assertEquals(Optional.empty(), settings.optional(Setting.ALARM_EMAIL));
    assertEquals(
        Optional.of("expiresAt"),
        settings.optional(Setting.TABLE_TTL_ATTRIBUTE, Optional.of("expiresAt")));
    assertEquals(Optional.empty(), settings.optional(Setting.PRIMARY_AMI_ID));
    assertEquals(
        Optional.empty(),
        source(Map.of(), Map.of("DR_TABLE_TTL_ATTRIBUTE", ""))
            .optional(Setting.TABLE_TTL_ATTRIBUTE, Optional.of("expiresAt")));
  }

  @ParameterizedTest
  @CsvSource({"yes, true or false", "1.5, a whole number from 1 to 10"})
  void aBadValueIsRecordedWithTheSettingsLabelAndTheDefaultIsKept(String value, String expected) {
    SettingSource settings =
        source(
            Map.of(),
            Map.of("DR_PREVENT_DESTROY", value, "DR_HEALTH_CHECK_FAILURE_THRESHOLD", value));
    boolean preventDestroy = settings.get(Setting.PREVENT_DESTROY);
    int threshold = settings.get(Setting.HEALTH_CHECK_FAILURE_THRESHOLD);
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

  static List<Setting<?>> settings() {
    return Setting.all();
  }

  /** A declared default passes the checks it is declared with. */
  @ParameterizedTest
  @MethodSource("settings")
  void everyDeclaredDefaultPassesItsOwnChecks(Setting<?> setting) {
    assertEquals(Optional.empty(), defaultProblem(setting), setting::toString);
  }

  private static <T> Optional<String> defaultProblem(Setting<T> setting) {
    return setting.defaultValue().flatMap(setting::problem);
  }

  /** The manual's "allowed" text and the refusal come from one declaration: one range. */
  @Test
  void aDeclaredRangeIsWhatTheManualShowsAndWhatARefusalStates() {
    assertEquals("0–100", Setting.SECONDARY_MIN_CAPACITY.allowed());
    assertEquals("1–100, between min and max", Setting.PRIMARY_DESIRED_CAPACITY.allowed());
    assertEquals("`2`", Setting.PRIMARY_DESIRED_CAPACITY.documentedDefault());
    SettingSource settings = source(Map.of(), Map.of("DR_SECONDARY_MIN_CAPACITY", "101"));
    assertEquals(1, settings.get(Setting.SECONDARY_MIN_CAPACITY));
    assertEquals(
        List.of(
            Setting.SECONDARY_MIN_CAPACITY.label()
                + " = \"101\" (from the environment): expected a whole number from 0 to 100"),
        settings.problems());
  }

  @Test
  void theEnvironmentVariableIsTheKeyInUpperSnakeCase() {
    assertEquals(
        "DR_REPLICATION_LATENCY_THRESHOLD_MS", Setting.REPLICATION_LATENCY_THRESHOLD_MS.envVar());
    assertEquals("DR_HEALTH_CHECK_INTERVAL_SECONDS", Setting.HEALTH_CHECK_INTERVAL.envVar());
    assertEquals("ENVIRONMENT_SUFFIX", Setting.ENVIRONMENT_SUFFIX.envVar());
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
