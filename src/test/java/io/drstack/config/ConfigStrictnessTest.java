package io.drstack.config;

import static io.drstack.support.ConfigRefusals.assertContains;
import static io.drstack.support.ConfigRefusals.assertOnlyProblem;
import static io.drstack.support.ConfigRefusals.pairs;
import static io.drstack.support.ConfigRefusals.refusal;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the loader is strict about beyond each setting's own range: unknown {@code DR_} variables,
 * where a refused value came from, AWS's tag and a plain e-mail rule, the defaults that follow the
 * table's consistency, and the warnings of settings that are accepted but have no effect.
 */
class ConfigStrictnessTest {

  private static final Map<String, Object> NO_CONTEXT = Map.of();
  private static final Map<String, String> NO_ENV = Map.of();

  private static DrConfig env(String... keyValues) {
    return ConfigLoader.load(NO_CONTEXT, pairs(keyValues));
  }

  // ---------------------------------------------------------------------------------------------
  // DR_ variables that are no setting

  @ParameterizedTest
  @CsvSource({
    "DR_ALARM_EMIAL, DR_ALARM_EMAIL",
    "DR_PREVENT_DESTORY, DR_PREVENT_DESTROY",
    "dr_primary_region, DR_PRIMARY_REGION",
    "DR_ENVIRONMENT_SUFFIX, ENVIRONMENT_SUFFIX",
    "DR_SYNTH_DEAMON, DR_SYNTH_DAEMON"
  })
  void aDrVariableThatIsNoSettingIsRefusedNamingTheClosest(String typo, String meant) {
    ConfigException e = refusal(NO_CONTEXT, pairs(typo, "s3cr3t-value"));
    assertEquals(1, e.problems().size(), e.problems()::toString);
    String problem = e.problems().get(0);
    assertContains(problem, "environment variable " + typo + ": not a setting of this stack");
    assertContains(problem, "did you mean ");
    assertContains(problem.substring(problem.indexOf("did you mean ")), meant);
    assertContains(problem, "help/configuration.md");
    assertFalse(problem.contains("s3cr3t-value"), "a variable that is no setting may be a secret");
  }

  @ParameterizedTest
  @EnumSource(ToolVariable.class)
  void theToolsOwnVariablesPass(ToolVariable tool) {
    assertEquals(ConfigLoader.load(NO_CONTEXT, NO_ENV), env(tool.variable(), "1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"DRIVER", "ADR_SOMETHING", "PATH", "D_R_X"})
  void variablesOutsideTheDrNamespacePass(String name) {
    assertEquals(ConfigLoader.load(NO_CONTEXT, NO_ENV), env(name, "anything"));
  }

  // ---------------------------------------------------------------------------------------------
  // Where a refused value came from

  @Test
  void aRefusalSaysWhetherTheValueCameFromTheEnvironmentCdktfJsonOrTheDefault() {
    assertContains(
        assertOnlyProblem(
            NO_CONTEXT, pairs("DR_APP_PORT", "80"), Setting.APP_PORT, "80", List.of()),
        "\"80\" (from the environment)");
    assertContains(
        assertOnlyProblem(Map.of("appPort", 80), NO_ENV, Setting.APP_PORT, "80", List.of()),
        "\"80\" (from cdktf.json)");
    // The secondary region is left at its default, which the primary now takes.
    assertContains(
        assertOnlyProblem(
            NO_CONTEXT,
            pairs("DR_PRIMARY_REGION", "us-east-2"),
            Setting.SECONDARY_REGION,
            "us-east-2",
            List.of("a region other than the primary region")),
        "\"us-east-2\" (the default)");
    assertContains(
        assertOnlyProblem(
            NO_CONTEXT,
            pairs("DR_SECONDARY_REGION", "us-west-1"),
            Setting.SECONDARY_ZONES,
            "",
            List.of("no default")),
        "\"\" (not set)");
  }

  @Test
  void aRecoveryTargetAtItsDefaultIsRefusedAsTheDefault() {
    assertContains(
        assertOnlyProblem(
            NO_CONTEXT,
            pairs(
                "DR_HEALTH_CHECK_INTERVAL_SECONDS",
                "30",
                "DR_HEALTH_CHECK_FAILURE_THRESHOLD",
                "10"),
            Setting.TARGET_RTO_SECONDS,
            String.valueOf(Setting.TARGET_RTO_SECONDS.defaultValue().orElseThrow()),
            List.of("at least the computed worst-case automatic failover time")),
        "\""
            + String.valueOf(Setting.TARGET_RTO_SECONDS.defaultValue().orElseThrow())
            + "\" (the default)");
  }

  // ---------------------------------------------------------------------------------------------
  // Strong consistency and TTL

  @Test
  void aStronglyConsistentTableHasNoTtlByDefault() {
    DrConfig config = env("DR_TABLE_CONSISTENCY", "strong");
    assertEquals(TableConsistency.STRONG, config.table().consistency());
    assertEquals(Optional.empty(), config.table().ttlAttribute());
    assertEquals(Optional.of("expiresAt"), env().table().ttlAttribute(), "eventual keeps it");
  }

  @Test
  void anExplicitTtlWithStrongConsistencyIsRefusedWithTheReason() {
    assertContains(
        assertOnlyProblem(
            NO_CONTEXT,
            pairs("DR_TABLE_CONSISTENCY", "strong", "DR_TABLE_TTL_ATTRIBUTE", "expiresAt"),
            Setting.TABLE_TTL_ATTRIBUTE,
            "expiresAt",
            List.of("multi-Region strong consistency does not support TTL")),
        "(from the environment)");
  }

  // ---------------------------------------------------------------------------------------------
  // Tags and e-mail

  @Test
  void tagsOfAnyScriptWithAwssPunctuationAreAccepted() {
    Map<String, Object> tags =
        Map.of(
            "Cost Center",
            "42",
            "Équipe",
            "données",
            "日本",
            "東京",
            "path",
            "a/b:c=d+e@f_g.h-i",
            "k".repeat(128),
            "v".repeat(256),
            "é".repeat(128),
            "");
    DrConfig config = ConfigLoader.load(Map.of("tags", tags), NO_ENV);
    tags.forEach((key, value) -> assertEquals(value, config.tags().get(key), key));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a;b", "<x>", "$x", "a{b}", "50%", "\"q\"", "a\\b", "a*b", "#1", "x?"})
  void tagTextOutsideAwssCharactersIsRefused(String text) {
    assertOnlyProblem(
        Map.of("tags", Map.of("Note", text)),
        NO_ENV,
        Setting.TAGS,
        SettingSource.shown(text),
        List.of("tag values of up to 256 letters, digits, spaces and _ . : / = + - @"));
    assertOnlyProblem(
        Map.of("tags", Map.of(text, "x")),
        NO_ENV,
        Setting.TAGS,
        SettingSource.shown(text),
        List.of("tag keys of 1-128 letters, digits, spaces and _ . : / = + - @"));
  }

  @Test
  void tagLengthsCountUnicodeCharactersNotJavaChars() {
    String scriptA = "\uD835\uDC9C"; // U+1D49C, a letter outside the BMP: two Java chars
    String longest = scriptA.repeat(128);
    assertEquals(
        "x", ConfigLoader.load(Map.of("tags", Map.of(longest, "x")), NO_ENV).tags().get(longest));
    String tooLong = scriptA.repeat(129);
    assertOnlyProblem(
        Map.of("tags", Map.of(tooLong, "x")),
        NO_ENV,
        Setting.TAGS,
        SettingSource.shown(tooLong),
        List.of("tag keys of 1-128"));
    String value = "ü".repeat(257);
    assertOnlyProblem(
        Map.of("tags", Map.of("k", value)),
        NO_ENV,
        Setting.TAGS,
        SettingSource.shown(value),
        List.of("tag values of up to 256"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "oncall@example.com",
        "first.last+dr@mail.example.co.uk",
        "o'brien@example.ie",
        "a_b-c@x-y.example.org"
      })
  void plainEmailAddressesAreAccepted(String address) {
    assertEquals(Optional.of(address), env("DR_ALARM_EMAIL", address).alerting().email());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@b",
        "a..b@example.com",
        ".a@example.com",
        "a.@example.com",
        "a@-x.example.com",
        "a@example.c0m",
        "a b@example.com",
        "\"quoted\"@example.com",
        "a@[127.0.0.1]",
        "a@b@example.com",
        "a%b@example.com",
        "a@example.com,b@example.com"
      })
  void otherEmailAddressesAreRefused(String address) {
    assertOnlyProblem(
        NO_CONTEXT,
        pairs("DR_ALARM_EMAIL", address),
        Setting.ALARM_EMAIL,
        SettingSource.shown(address),
        List.of("an e-mail address such as oncall@example.com", "or empty for none"));
  }

  // ---------------------------------------------------------------------------------------------
  // Warnings

  @Test
  void everyWarningNamesItsSetting() {
    List<String> warnings = env().warnings();
    assertEquals(2, warnings.size(), warnings::toString);
    for (Setting<?> certificate :
        List.of(Setting.PRIMARY_CERTIFICATE_ARN, Setting.SECONDARY_CERTIFICATE_ARN)) {
      assertTrue(
          warnings.stream()
              .anyMatch(
                  w ->
                      w.startsWith(certificate.label() + " = \"\" (not set)")
                          && w.contains("plain HTTP")),
          warnings::toString);
    }
  }

  @Test
  void aZoneNameBesideAHostedZoneIdWarnsThatItIsIgnored() {
    Map<String, String> existingZone =
        pairs("DR_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ", "DR_RECORD_NAME", "app.example.org");
    assertTrue(
        ConfigLoader.load(NO_CONTEXT, existingZone).warnings().stream()
            .noneMatch(w -> w.startsWith(Setting.ZONE_NAME.label())));
    DrConfig config = ConfigLoader.load(Map.of("zoneName", "dr.acme-corp.com"), existingZone);
    List<String> zoneWarnings =
        config.warnings().stream().filter(w -> w.startsWith(Setting.ZONE_NAME.label())).toList();
    assertEquals(1, zoneWarnings.size(), config.warnings()::toString);
    assertContains(zoneWarnings.get(0), "\"dr.acme-corp.com\" (from cdktf.json): ignored");
    assertContains(zoneWarnings.get(0), "hostedZoneId");
  }
}
