package io.drstack.config;

import static io.drstack.support.ConfigRefusals.assertContains;
import static io.drstack.support.ConfigRefusals.assertNamesSetting;
import static io.drstack.support.ConfigRefusals.assertOnlyProblem;
import static io.drstack.support.ConfigRefusals.pairs;
import static io.drstack.support.ConfigRefusals.refusal;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ConfigLoader} on plain maps: nothing here synthesizes. Every refused configuration must
 * produce exactly one problem that names the setting, the bad value and what is allowed.
 */
class ConfigLoaderTest {

  private static final Map<String, Object> NO_CONTEXT = Map.of();
  private static final Map<String, String> NO_ENV = Map.of();

  private static DrConfig defaultConfig() {
    return ConfigLoader.load(NO_CONTEXT, NO_ENV);
  }

  private static DrConfig env(String... keyValues) {
    return ConfigLoader.load(NO_CONTEXT, pairs(keyValues));
  }

  // ---------------------------------------------------------------------------------------------
  // Accepted configurations

  @Test
  void defaults() {
    DrConfig config = defaultConfig();
    assertAll(
        () -> assertEquals("dev", config.environmentSuffix()),
        () -> assertEquals("TapStackdev", config.stackName()),
        () -> assertEquals("us-east-1", config.primary().region()),
        () -> assertEquals("us-east-2", config.secondary().region()),
        () -> assertEquals("10.10.0.0/16", config.primary().vpcCidr()),
        () -> assertEquals("10.20.0.0/16", config.secondary().vpcCidr()),
        () -> assertEquals(new Capacity(2, 2, 4), config.primary().capacity()),
        () -> assertEquals(new Capacity(1, 1, 4), config.secondary().capacity()),
        () -> assertEquals(Optional.empty(), config.primary().certificateArn()),
        () ->
            assertEquals(
                List.of(
                    new AvailabilityZone.Name("us-east-1a"),
                    new AvailabilityZone.Name("us-east-1b")),
                config.primary().zones()),
        () ->
            assertEquals(
                List.of(
                    new AvailabilityZone.Name("us-east-2a"),
                    new AvailabilityZone.Name("us-east-2b")),
                config.secondary().zones()),
        () -> assertEquals(Optional.empty(), config.primary().amiId(), "newest AL2023 AMI"),
        () -> assertEquals(Optional.empty(), config.secondary().amiId(), "newest AL2023 AMI"),
        () ->
            assertEquals(
                Map.of("Project", "dr-stack", "Environment", "dev", "ManagedBy", "cdktf"),
                config.tags()),
        () ->
            assertEquals(
                new StateBackend.Local("../../../state/terraform.TapStackdev.tfstate"),
                config.stateBackend()),
        () -> assertTrue(config.preventDestroy(), "prevent_destroy on by default"),
        () -> assertTrue(config.table().deletionProtection()),
        () -> assertEquals(Optional.of("expiresAt"), config.table().ttlAttribute()),
        () -> assertEquals(new ServiceSettings("t3.micro", 8080, true), config.service()),
        () -> assertEquals("dr-dev.example.com", config.dns().zoneName()),
        () -> assertEquals("app.dr-dev.example.com", config.dns().recordName()),
        () -> assertEquals(10, config.dns().healthCheckIntervalSeconds()),
        () -> assertEquals(3, config.dns().healthCheckFailureThreshold()),
        () -> assertEquals("us-east-2", config.dns().failoverSwitchRegion()),
        () ->
            assertEquals(
                new AlertingSettings(Optional.empty(), false, 3000, 365), config.alerting()),
        () -> assertTrue(config.alerting().nobodyPaged()),
        () -> assertEquals(new Objectives(360, 300), config.objectives()),
        () -> assertEquals(new CanarySettings(true, 10, "DrStack/Canary", 120), config.canary()),
        () -> assertEquals(Optional.empty(), config.emulatorEndpoint()),
        () ->
            assertEquals(
                "dr-table-dev",
                new io.drstack.config.Names(config.environmentSuffix()).of("table")));
  }

  @Test
  void theCanaryIsOffByDefaultOnlyForAPilotLightSecondary() {
    DrConfig pilotLight =
        env(
            "DR_SECONDARY_MIN_CAPACITY",
            "0",
            "DR_SECONDARY_DESIRED_CAPACITY",
            "0",
            "DR_TARGET_RTO_SECONDS",
            "3600");
    assertFalse(pilotLight.canary().enabled(), "nobody in the secondary would write heartbeats");
    DrConfig off = env("DR_CANARY", "false");
    assertFalse(off.canary().enabled());
    DrConfig moved =
        env(
            "DR_CANARY_INTERVAL_SECONDS",
            "30",
            "DR_CANARY_ALARM_THRESHOLD_SECONDS",
            "90",
            "DR_CANARY_NAMESPACE",
            "Team-A/dr_canary#1:x");
    assertEquals(new CanarySettings(true, 30, "Team-A/dr_canary#1:x", 90), moved.canary());
  }

  @Test
  void suffixFollowsEnvironmentIntoDerivedDefaults() {
    DrConfig config = env("ENVIRONMENT_SUFFIX", "qa");
    assertAll(
        () -> assertEquals("qa", config.environmentSuffix()),
        () -> assertEquals("TapStackqa", config.stackName()),
        () -> assertEquals("qa", config.tags().get("Environment")),
        () ->
            assertEquals(
                new StateBackend.Local("../../../state/terraform.TapStackqa.tfstate"),
                config.stateBackend()),
        () -> assertEquals("app.dr-qa.example.com", config.dns().recordName()));
  }

  @Test
  void suffixOfMaximumLengthIsAccepted() {
    String longest = "a".repeat(Names.MAX_SUFFIX_LENGTH);
    assertEquals(longest, env("ENVIRONMENT_SUFFIX", longest).environmentSuffix());
    assertEquals(32, ("dr-alb-" + longest).length(), "ALB names are at most 32 characters");
  }

  @Test
  void contextValuesAreUsed() {
    DrConfig config =
        ConfigLoader.load(
            Map.of("primaryRegion", "eu-west-1", "secondaryRegion", "eu-central-1"), NO_ENV);
    assertEquals("eu-west-1", config.primary().region());
    assertEquals("eu-central-1", config.secondary().region());
  }

  @Test
  void environmentOverridesContext() {
    DrConfig config =
        ConfigLoader.load(
            Map.of("primaryRegion", "eu-west-1", "appPort", 9000, "instanceType", "m5.large"),
            pairs("DR_PRIMARY_REGION", "eu-west-2", "DR_APP_PORT", "9443"));
    assertEquals("eu-west-2", config.primary().region(), "env wins");
    assertEquals(9443, config.service().appPort(), "env wins");
    assertEquals("m5.large", config.service().instanceType(), "context used where env is unset");
  }

  @Test
  void environmentValuesAreTrimmed() {
    DrConfig config = env("DR_PRIMARY_REGION", " eu-west-1 ", "DR_APP_PORT", " 9000");
    assertEquals("eu-west-1", config.primary().region());
    assertEquals(9000, config.service().appPort());
  }

  @Test
  void contextValuesOfJsonTypesAreAccepted() {
    // What jsii hands over for cdktf.json numbers, booleans and objects.
    Map<String, Object> context =
        Map.of(
            "appPort",
            9000,
            "primaryMaxCapacity",
            6L,
            "logRetentionDays",
            30.0,
            "healthCheckIntervalSeconds",
            30,
            "targetRtoSeconds",
            3600,
            "tableDeletionProtection",
            false,
            "albDeletionProtection",
            false,
            "preventDestroy",
            false,
            "tags",
            Map.of("Owner", "team-a", "CostCenter", 42));
    DrConfig config = ConfigLoader.load(context, NO_ENV);
    assertAll(
        () -> assertEquals(9000, config.service().appPort()),
        () -> assertEquals(6, config.primary().capacity().max()),
        () -> assertEquals(30, config.alerting().logRetentionDays()),
        () -> assertEquals(30, config.dns().healthCheckIntervalSeconds()),
        () -> assertEquals(3600, config.objectives().targetRtoSeconds()),
        () -> assertFalse(config.table().deletionProtection()),
        () -> assertFalse(config.service().albDeletionProtection()),
        () -> assertFalse(config.preventDestroy()),
        () -> assertEquals("team-a", config.tags().get("Owner")),
        () -> assertEquals("42", config.tags().get("CostCenter")),
        () -> assertEquals("dev", config.tags().get("Environment"), "stack tags kept"),
        () -> assertEquals("dr-stack", config.tags().get("Project")));
  }

  @Test
  void tagsFromEnvironmentAreParsedAndReplaceContextTags() {
    DrConfig config =
        ConfigLoader.load(
            Map.of("tags", Map.of("FromContext", "yes")),
            pairs("DR_TAGS", " Owner = team-a ,,CostCenter=42, Note=a=b,Empty="));
    assertEquals(
        Map.of(
            "Project", "dr-stack",
            "Environment", "dev",
            "ManagedBy", "cdktf",
            "Owner", "team-a",
            "CostCenter", "42",
            "Note", "a=b",
            "Empty", ""),
        config.tags());
  }

  @Test
  void aTagWithTheKeyOfAFixedTagOverridesIt() {
    // Documented in help/configuration.md. Note that this lets Environment differ from the suffix.
    assertEquals("billing", env("DR_TAGS", "Project=billing").tags().get("Project"));
  }

  @Test
  void emptyEnvironmentVariableMeansTheCodeDefaultNotTheContextValue() {
    // Documented in help/configuration.md: set-but-empty still counts as set.
    DrConfig config =
        ConfigLoader.load(
            Map.of("primaryRegion", "eu-west-1", "tableTtlAttribute", "ttl"),
            pairs("DR_PRIMARY_REGION", "", "DR_TABLE_TTL_ATTRIBUTE", ""));
    assertEquals("us-east-1", config.primary().region());
    assertEquals(Optional.empty(), config.table().ttlAttribute());
  }

  @Test
  void optionalSettingsCanBeTurnedOffWithAnEmptyValue() {
    DrConfig config = env("DR_TABLE_TTL_ATTRIBUTE", "", "DR_ALARM_EMAIL", "");
    assertEquals(Optional.empty(), config.table().ttlAttribute());
    assertEquals(Optional.empty(), config.alerting().email());
  }

  @Test
  void s3StateDefaultsToARegionThatServesNeitherSideAndToTheLockFile() {
    DrConfig config =
        env(
            "ENVIRONMENT_SUFFIX", "prod",
            "DR_STATE_BACKEND", "s3",
            "DR_STATE_BUCKET", "my-state-bucket");
    assertEquals(
        new StateBackend.S3(
            "my-state-bucket",
            "dr-stack/prod/terraform.tfstate",
            "us-west-2", // neither us-east-1 nor us-east-2: readable when either fails
            Optional.empty(),
            Optional.empty()),
        config.stateBackend());
  }

  @Test
  void s3StateKeepsAnExplicitRegionAndLockTable() {
    DrConfig config =
        env(
            "DR_STATE_BACKEND", "s3",
            "DR_STATE_BUCKET", "my-state-bucket",
            "DR_STATE_REGION", "us-east-2",
            "DR_STATE_LOCK_TABLE", "terraform-locks",
            "DR_STATE_KMS_KEY_ID", "arn:aws:kms:us-east-2:123456789012:key/" + uuid());
    StateBackend.S3 s3 = (StateBackend.S3) config.stateBackend();
    assertEquals("us-east-2", s3.region());
    assertEquals(Optional.of("terraform-locks"), s3.lockTable());
  }

  @Test
  void theDefaultStateRegionIsAThirdRegionOfThePrimarysGeography() {
    assertEquals(
        "us-east-2",
        ((StateBackend.S3)
                env(
                        "DR_STATE_BACKEND", "s3",
                        "DR_STATE_BUCKET", "b-1",
                        "DR_SECONDARY_REGION", "us-west-2")
                    .stateBackend())
            .region());
    assertEquals(
        "us-east-1",
        ((StateBackend.S3)
                env(
                        "DR_STATE_BACKEND", "s3",
                        "DR_STATE_BUCKET", "b-1",
                        "DR_PRIMARY_REGION", "us-west-2",
                        "DR_SECONDARY_REGION", "us-east-2")
                    .stateBackend())
            .region());
    assertEquals(
        "eu-west-2",
        ((StateBackend.S3)
                env(
                        "DR_STATE_BACKEND", "s3",
                        "DR_STATE_BUCKET", "b-1",
                        "DR_PRIMARY_REGION", "eu-west-1",
                        "DR_SECONDARY_REGION", "eu-central-1")
                    .stateBackend())
            .region());
  }

  @Test
  void certificatesInTheirOwnRegionsAreAccepted() {
    String primary = "arn:aws:acm:us-east-1:123456789012:certificate/" + uuid();
    String secondary = "arn:aws:acm:us-east-2:123456789012:certificate/" + uuid();
    DrConfig config =
        env("DR_PRIMARY_CERTIFICATE_ARN", primary, "DR_SECONDARY_CERTIFICATE_ARN", secondary);
    assertEquals(Optional.of(primary), config.primary().certificateArn());
    assertEquals(Optional.of(secondary), config.secondary().certificateArn());
  }

  @Test
  void secondaryMayRunNoInstances() {
    // A cold secondary lengthens failover: the recovery time target must allow for it.
    DrConfig config =
        env(
            "DR_SECONDARY_MIN_CAPACITY", "0",
            "DR_SECONDARY_DESIRED_CAPACITY", "0",
            "DR_TARGET_RTO_SECONDS", "3600");
    assertEquals(new Capacity(0, 0, 4), config.secondary().capacity());
  }

  @Test
  void preventDestroyCanBeTurnedOff() {
    assertFalse(env("DR_PREVENT_DESTROY", "false").preventDestroy());
    assertTrue(env("DR_PREVENT_DESTROY", "true").preventDestroy());
  }

  @Test
  void zonesByNameAndByZoneIdAreAccepted() {
    DrConfig config =
        env(
            "DR_PRIMARY_ZONES", "use1-az1, use1-az4",
            "DR_SECONDARY_ZONES", "us-east-2c,us-east-2a");
    assertEquals(
        List.of(new AvailabilityZone.Id("use1-az1"), new AvailabilityZone.Id("use1-az4")),
        config.primary().zones());
    assertEquals(
        List.of(new AvailabilityZone.Name("us-east-2c"), new AvailabilityZone.Name("us-east-2a")),
        config.secondary().zones(),
        "in the configured order");
    assertEquals("availability_zone_id", config.primary().zones().get(0).terraformArgument());
    assertEquals("availability_zone", config.secondary().zones().get(0).terraformArgument());
  }

  @Test
  void apNortheast1DefaultsToZonesAAndC() {
    // Newer accounts have no ap-northeast-1b.
    DrConfig config = env("DR_SECONDARY_REGION", "ap-northeast-1");
    assertEquals(
        List.of(
            new AvailabilityZone.Name("ap-northeast-1a"),
            new AvailabilityZone.Name("ap-northeast-1c")),
        config.secondary().zones());
  }

  @Test
  void zonesFollowTheConfiguredRegion() {
    DrConfig config = env("DR_PRIMARY_REGION", "eu-west-1", "DR_SECONDARY_REGION", "eu-central-1");
    assertEquals(
        List.of(new AvailabilityZone.Name("eu-west-1a"), new AvailabilityZone.Name("eu-west-1b")),
        config.primary().zones());
    assertEquals(
        List.of(
            new AvailabilityZone.Name("eu-central-1a"), new AvailabilityZone.Name("eu-central-1b")),
        config.secondary().zones());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ami-0123abcd", "ami-0123456789abcdef0"})
  void pinnedAmiIdsAreAccepted(String ami) {
    DrConfig config = env("DR_SECONDARY_AMI_ID", ami);
    assertEquals(Optional.of(ami), config.secondary().amiId());
    assertEquals(Optional.empty(), config.primary().amiId(), "each region pins its own");
  }

  @Test
  void relativeLocalStatePathIsRelativeToTheProjectRoot() {
    // Terraform runs in cdktf.out/stacks/<stack>/, three levels below the project root.
    assertEquals(
        new StateBackend.Local("../../../states/dr.tfstate"),
        env("DR_LOCAL_STATE_PATH", "states/dr.tfstate").stateBackend());
    assertEquals(StateBackend.Local.STACK_DIR_TO_PROJECT_ROOT, "../../../");
  }

  @Test
  void absoluteLocalStatePathIsKept() {
    assertEquals(
        new StateBackend.Local("/var/lib/terraform/dr.tfstate"),
        env("DR_LOCAL_STATE_PATH", "/var/lib/terraform/dr.tfstate").stateBackend());
  }

  @Test
  void appReadsCdktfContextFromTheApp(@TempDir Path outdir) {
    // The CLI hands cdktf.json's context to the App (through CDKTF_CONTEXT_JSON); Main reads it
    // with load(app, env). Constructs' getAllContext() misses the root's own context.
    App app =
        new App(
            AppConfig.builder()
                .outdir(outdir.resolve("cdktf.out").toString())
                .context(
                    Map.of(
                        "primaryRegion",
                        "eu-west-1",
                        "secondaryRegion",
                        "eu-central-1",
                        "appPort",
                        9000,
                        "tableDeletionProtection",
                        false,
                        "tags",
                        Map.of("Owner", "team-a")))
                .build());
    DrConfig config = ConfigLoader.load(app, pairs("DR_APP_PORT", "9443"));
    assertAll(
        () -> assertEquals("eu-west-1", config.primary().region()),
        () -> assertEquals("eu-central-1", config.secondary().region()),
        () -> assertEquals(9443, config.service().appPort(), "env still wins"),
        () -> assertFalse(config.table().deletionProtection()),
        () -> assertEquals("team-a", config.tags().get("Owner")));
  }

  // ---------------------------------------------------------------------------------------------
  // cdktf.json

  @Test
  void cdktfJsonContextDocumentsTheCodeDefaults() throws IOException {
    Map<String, Object> context = cdktfJsonContext();
    assertFalse(context.isEmpty(), "cdktf.json documents some defaults");
    assertEquals(defaultConfig(), ConfigLoader.load(context, NO_ENV));
  }

  @Test
  void cdktfJsonContextKeysAreKnownSettings() throws IOException {
    Set<String> known =
        Setting.all().stream()
            .map(Setting::contextKey)
            .filter(java.util.Objects::nonNull)
            .collect(Collectors.toSet());
    List<String> unknown =
        cdktfJsonContext().keySet().stream().filter(key -> !known.contains(key)).sorted().toList();
    assertEquals(List.of(), unknown, "context keys of cdktf.json that no Setting reads");
  }

  @ParameterizedTest
  @ValueSource(strings = {"primaryRegoin", "PrimaryRegion", "primaryregion"})
  void aMisspelledContextKeyIsRefusedNamingTheClosestSetting(String typo) {
    ConfigException e = refusal(Map.of(typo, "eu-west-1"), NO_ENV);
    assertEquals(1, e.problems().size(), e.problems()::toString);
    String problem = e.problems().get(0);
    assertContains(problem, "cdktf.json context \"" + typo + "\" = \"eu-west-1\"");
    assertContains(problem, "not a setting of this stack");
    assertContains(problem, "did you mean " + Setting.PRIMARY_REGION.label());
    assertContains(problem, "help/configuration.md");
  }

  @Test
  void everyUnknownContextKeyIsReportedAtOnceBesideOtherProblems() {
    ConfigException e =
        refusal(
            Map.of("tableTTLAttribute", "ttl", "alarmMail", "a@b.c"), pairs("DR_APP_PORT", "80"));
    assertEquals(3, e.problems().size(), e.problems()::toString);
    assertTrue(e.problems().stream().anyMatch(p -> p.contains("did you mean tableTtlAttribute")));
    assertTrue(e.problems().stream().anyMatch(p -> p.contains("did you mean alarmEmail")));
    assertNamesSetting(e.problems().get(2), Setting.APP_PORT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cdktfJsonPath",
        "cdktfVersion",
        "cdktfRelativeModules",
        "@cdktf/disable_stack_trace_in_metadata",
        "excludeStackIdFromLogicalIds",
        "allowSepCharsInLogicalIds"
      })
  void contextKeysOfCdktfItselfAreAllowed(String key) {
    assertEquals(defaultConfig(), ConfigLoader.load(Map.of(key, true), NO_ENV));
  }

  @Test
  void unknownKeysReachTheCheckFromTheContextTheCliHandsTheApp() {
    // The CLI puts cdktf.json's context into CDKTF_CONTEXT_JSON, which the App reads.
    App app = new App(AppConfig.builder().context(Map.of("secondaryRegoin", "us-west-2")).build());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.load(
                    app, Map.of("CDKTF_CONTEXT_JSON", "{\"secondaryRegoin\": \"us-west-2\"}")));
    assertEquals(1, e.problems().size(), e.problems()::toString);
    assertContains(e.problems().get(0), "did you mean " + Setting.SECONDARY_REGION.label());
  }

  private static Map<String, Object> cdktfJsonContext() throws IOException {
    JsonNode cdktfJson = new ObjectMapper().readTree(Files.readString(Path.of("cdktf.json")));
    JsonNode context = cdktfJson.get("context");
    assertNotNull(context, "cdktf.json has a context");
    return new ObjectMapper().convertValue(context, new TypeReference<Map<String, Object>>() {});
  }

  @Test
  void everySettingHasAnEnvironmentVariableAndADistinctContextKey() {
    List<String> keys =
        Setting.all().stream().map(Setting::contextKey).filter(java.util.Objects::nonNull).toList();
    assertEquals(keys.size(), Set.copyOf(keys).size(), "context keys are unique");
    for (Setting<?> setting : Setting.all()) {
      assertNotNull(setting.envVar(), setting::toString);
      assertContains(setting.label(), setting.envVar());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"g4dn.xlarge", "m7i-flex.large", "m5.large"})
  void x86InstanceTypesWithAGInTheirNameAreAccepted(String type) {
    assertEquals(type, env("DR_INSTANCE_TYPE", type).service().instanceType());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:5000", "http://localhost:4566", "http://[::1]:5000"})
  void loopbackEmulatorEndpointsAreAccepted(String url) {
    assertEquals(Optional.of(url), env("DR_EMULATOR_ENDPOINT", url).emulatorEndpoint());
  }

  @Test
  void usWest1WithZonesIsAccepted() {
    DrConfig config =
        env("DR_SECONDARY_REGION", "us-west-1", "DR_SECONDARY_ZONES", "usw1-az1,usw1-az3");
    assertEquals(
        List.of(new AvailabilityZone.Id("usw1-az1"), new AvailabilityZone.Id("usw1-az3")),
        config.secondary().zones());
  }

  // ---------------------------------------------------------------------------------------------
  // Refused configurations

  /**
   * One refused configuration: what is set, and the one problem it must cause.
   *
   * @param allowed fragments of what the problem says is allowed
   */
  record Refusal(
      Map<String, ?> context,
      Map<String, String> env,
      Setting<?> setting,
      String value,
      List<String> allowed) {
    @Override
    public String toString() {
      return setting + " = \"" + value + "\"" + (context.isEmpty() ? "" : " in context");
    }
  }

  /** The setting's environment variable set to {@code value}, refused on its own. */
  private static Stream<Refusal> refused(Setting<?> setting, String value, String... allowed) {
    return refused(NO_CONTEXT, pairs(setting.envVar(), value), setting, value, allowed);
  }

  /** Each of {@code values} in turn. */
  private static Stream<Refusal> eachRefused(
      Setting<?> setting, List<String> values, String... allowed) {
    return values.stream().flatMap(value -> refused(setting, value, allowed));
  }

  private static Stream<Refusal> refused(
      Map<String, ?> context,
      Map<String, String> env,
      Setting<?> setting,
      String value,
      String... allowed) {
    return Stream.of(new Refusal(context, env, setting, value, List.of(allowed)));
  }

  static Stream<Refusal> refusals() {
    String tooLongSuffix = "a".repeat(Names.MAX_SUFFIX_LENGTH + 1);
    String suffixRule = "lowercase letters, digits and inner hyphens";
    String capacityRange = "a whole number from 1 to 100";
    String portRange = "a whole number from 1024 to 65535";
    // 2^32 + 8080: intValue() alone would wrap it to a valid 8080.
    long wrapsTo8080 = (1L << 32) + 8080;
    String zonesOfUsEast1 = "two different availability zones of us-east-1";
    return Stream.of(
            refused(Setting.ENVIRONMENT_SUFFIX, "Dev", suffixRule),
            // Also the derived zone and record names would be invalid: reported once, on the
            // suffix.
            refused(Setting.ENVIRONMENT_SUFFIX, "my_env", suffixRule),
            refused(
                Setting.ENVIRONMENT_SUFFIX,
                tooLongSuffix,
                "1 to " + Names.MAX_SUFFIX_LENGTH,
                "32 characters"),
            refused(Setting.ENVIRONMENT_SUFFIX, "dev-", "inner hyphens"),
            // The switch is pulled while us-east-1 or the primary is down: it may live in neither.
            refused(Setting.FAILOVER_SWITCH_REGION, "us-east-1", "other than us-east-1"),
            refused(
                NO_CONTEXT,
                Map.of(
                    "DR_PRIMARY_REGION",
                    "eu-west-1",
                    "DR_SECONDARY_REGION",
                    "eu-central-1",
                    "DR_FAILOVER_SWITCH_REGION",
                    "eu-west-1"),
                Setting.FAILOVER_SWITCH_REGION,
                "eu-west-1",
                "other than the primary (eu-west-1)"),
            refused(Setting.FAILOVER_SWITCH_REGION, "us-east-7", "an AWS region name"),
            refused(Setting.ALARM_SUBSCRIBER_WAIVED, "yes", "true"),
            refused(
                Map.of("primaryRegion", "us-east-7"),
                NO_ENV,
                Setting.PRIMARY_REGION,
                "us-east-7",
                "an AWS region name",
                "eu-west-1"),
            refused(Setting.SECONDARY_REGION, "US-EAST-2", "an AWS region name", "us-east-2"),
            refused(
                Setting.SECONDARY_REGION,
                "us-east-1",
                "a region other than the primary region (us-east-1)"),
            refused(
                Setting.SECONDARY_VPC_CIDR,
                "10.10.128.0/17",
                "does not overlap the primary VPC (10.10.0.0/16)"),
            eachRefused(
                Setting.PRIMARY_VPC_CIDR,
                List.of("10.10.0.0", "10.10.0.0/8", "10.10.0.0/24", "10.10.1.0/16", "300.1.0.0/16"),
                "an IPv4 network block from /16 to /22"),
            refused(Setting.STATE_BACKEND, "gcs", "local or s3"),
            refused(
                Map.of("stateBackend", "s3"),
                pairs("DR_STATE_LOCK_TABLE", "terraform-locks"),
                Setting.STATE_BUCKET,
                "",
                "the name of an existing S3 bucket",
                "when stateBackend is s3"),
            refused(
                NO_CONTEXT,
                pairs(
                    "DR_STATE_BACKEND", "s3",
                    "DR_STATE_BUCKET", "my-state-bucket",
                    "DR_STATE_LOCK_TABLE", "x"),
                Setting.STATE_LOCK_TABLE,
                "x",
                "DynamoDB table with a LockID string key, or none"),
            refused(
                NO_CONTEXT,
                pairs(
                    "DR_STATE_BACKEND", "s3",
                    "DR_STATE_BUCKET", "my-state-bucket",
                    "DR_STATE_KMS_KEY_ID", "arn:aws:kms:us-east-1:123456789012:key/abc"),
                Setting.STATE_KMS_KEY_ID,
                "arn:aws:kms:us-east-1:123456789012:key/abc",
                "a key in the state bucket's region, stateRegion (us-west-2, the default)",
                "the key is in us-east-1"),
            refused(
                NO_CONTEXT,
                pairs(
                    "DR_STATE_BACKEND", "s3",
                    "DR_STATE_BUCKET", "my-state-bucket",
                    "DR_STATE_REGION", "eu-west-1",
                    "DR_STATE_KMS_KEY_ID", "arn:aws:kms:us-west-2:123456789012:key/abc"),
                Setting.STATE_KMS_KEY_ID,
                "arn:aws:kms:us-west-2:123456789012:key/abc",
                "stateRegion (eu-west-1)",
                "the key is in us-west-2"),
            refused(
                NO_CONTEXT,
                pairs(
                    "DR_STATE_BACKEND", "s3",
                    "DR_STATE_BUCKET", "my-state-bucket",
                    "DR_PRIMARY_REGION", "ca-central-1",
                    "DR_SECONDARY_REGION", "ca-west-1"),
                Setting.STATE_REGION,
                "",
                "a region of ca-central-1's geography other than ca-central-1 and ca-west-1"),
            refused(Setting.TABLE_DELETION_PROTECTION, "yes", "true or false"),
            refused(
                Map.of("tableDeletionProtection", 1),
                NO_ENV,
                Setting.TABLE_DELETION_PROTECTION,
                "1",
                "true or false"),
            refused(
                Setting.TABLE_TTL_ATTRIBUTE,
                "expires at",
                "a DynamoDB attribute name",
                "or empty to turn TTL off"),
            refused(
                NO_CONTEXT,
                pairs("DR_PRIMARY_MIN_CAPACITY", "3", "DR_PRIMARY_MAX_CAPACITY", "2"),
                Setting.PRIMARY_MAX_CAPACITY,
                "2",
                "at least primaryMinCapacity (3)"),
            refused(
                Setting.SECONDARY_DESIRED_CAPACITY,
                "5",
                "between secondaryMinCapacity (1) and secondaryMaxCapacity (4)"),
            refused(Setting.PRIMARY_MAX_CAPACITY, "four", capacityRange),
            refused(
                Map.of("primaryDesiredCapacity", 2.5),
                NO_ENV,
                Setting.PRIMARY_DESIRED_CAPACITY,
                "2.5",
                capacityRange),
            refused(Setting.PRIMARY_MIN_CAPACITY, "0", capacityRange),
            refused(Setting.INSTANCE_TYPE, "t3micro", "an EC2 instance type such as t3.micro"),
            // Graviton types: the AMI is x86_64.
            eachRefused(
                Setting.INSTANCE_TYPE,
                List.of("t4g.small", "m6gd.large", "c7gn.xlarge", "a1.medium"),
                "an x86_64 instance type"),
            eachRefused(Setting.APP_PORT, List.of("80", "65536", "http"), portRange),
            refused(
                Map.of("appPort", wrapsTo8080),
                NO_ENV,
                Setting.APP_PORT,
                String.valueOf(wrapsTo8080),
                portRange),
            refused(
                Setting.PRIMARY_CERTIFICATE_ARN,
                "arn:aws:acm:us-east-1:123456789012:certificate/not-a-uuid",
                "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)",
                "or empty for plain HTTP"),
            refused(
                Setting.SECONDARY_CERTIFICATE_ARN,
                "arn:aws:acm:us-east-1:123456789012:certificate/" + uuid(),
                "a certificate in us-east-2",
                "ACM certificates are regional"),
            refused(Setting.HOSTED_ZONE_ID, "z0123abc", "a Route 53 hosted zone id"),
            eachRefused(
                Setting.HEALTH_CHECK_INTERVAL, List.of("20", "60", "5", "fast"), "10 or 30"),
            eachRefused(
                Setting.HEALTH_CHECK_FAILURE_THRESHOLD,
                List.of("0", "11"),
                "a whole number from 1 to 10"),
            refused(
                Setting.ALARM_EMAIL, "ops-at-example.com", "an e-mail address such as", "or empty"),
            eachRefused(
                Setting.REPLICATION_LATENCY_THRESHOLD_MS,
                List.of("99", "600001"),
                "a whole number from 100 to 600000"),
            refused(Setting.CANARY, "sometimes", "true or false"),
            refused(
                NO_CONTEXT,
                pairs(
                    "DR_CANARY",
                    "true",
                    "DR_SECONDARY_MIN_CAPACITY",
                    "0",
                    "DR_SECONDARY_DESIRED_CAPACITY",
                    "0",
                    "DR_TARGET_RTO_SECONDS",
                    "3600"),
                Setting.CANARY,
                "true",
                "false while secondaryMinCapacity is 0",
                "the primary's canary alarm would always fire"),
            eachRefused(
                Setting.CANARY_INTERVAL_SECONDS,
                List.of("4", "31", "7.5"),
                "a whole number from 5 to 30"),
            eachRefused(
                Setting.CANARY_NAMESPACE,
                List.of("AWS/DynamoDB", "Dr Stack", "x".repeat(256)),
                "a CloudWatch namespace",
                "not starting with AWS/"),
            eachRefused(
                Setting.CANARY_ALARM_THRESHOLD_SECONDS,
                List.of("14", "3601"),
                "a whole number from 15 to 3600"),
            refused(
                NO_CONTEXT,
                pairs(
                    "DR_CANARY_INTERVAL_SECONDS", "20", "DR_CANARY_ALARM_THRESHOLD_SECONDS", "59"),
                Setting.CANARY_ALARM_THRESHOLD_SECONDS,
                "59",
                "at least 3 × canaryIntervalSeconds (60)"),
            eachRefused(
                Setting.LOG_RETENTION_DAYS,
                List.of("10", "0", "5000"),
                "one of the periods CloudWatch Logs accepts",
                "365",
                "3653"),
            refused(
                NO_CONTEXT,
                pairs("DR_TAGS", "Owner=team-a,aws:createdBy=me"),
                Setting.TAGS,
                "aws:createdBy",
                "do not start with 'aws:'"),
            refused(
                Map.of("tags", Map.of("AWS:Owner", "me")),
                NO_ENV,
                Setting.TAGS,
                "AWS:Owner",
                "do not start with 'aws:'"),
            refused(Setting.TAGS, "Owner", "comma-separated key=value pairs"),
            refused(
                Map.of("tags", "Owner=team-a"),
                NO_ENV,
                Setting.TAGS,
                "Owner=team-a",
                "a JSON object of tag names to values"),
            eachRefused(
                Setting.EMULATOR_ENDPOINT,
                List.of(
                    "http://example.com:5000",
                    "https://127.0.0.1:5000",
                    "http://10.0.0.1:5000",
                    "http://127.999.0.1:5000",
                    "http://localhost:99999"),
                "an http URL on this machine's loopback interface"),
            refused(
                Map.of("targetRpoSeconds", -1),
                NO_ENV,
                Setting.TARGET_RPO_SECONDS,
                "-1",
                "a whole number from 0 to 86400"),
            // 0 is in range, and promised only by a strongly consistent table.
            refused(
                Map.of("targetRpoSeconds", 0),
                NO_ENV,
                Setting.TARGET_RPO_SECONDS,
                "0",
                "tableConsistency strong promises 0"),
            refused(Setting.TABLE_CONSISTENCY, "linearizable", "eventual or strong"),
            refused(
                Setting.REGION_SWITCH_APPROVAL, "true", "false unless regionSwitchPlan is true"),
            refused(
                Setting.REGION_SWITCH_TRIGGERS, "true", "false unless regionSwitchPlan is true"),
            refused(Setting.DRILL_DURATION_MINUTES, "0", "a whole number from 1 to 60"),
            refused(Setting.DRILL_DURATION_MINUTES, "61", "a whole number from 1 to 60"),
            refused(Setting.FAILOVER_DRILL, "maybe", "true or false"),
            refused(Setting.REGION_SWITCH_PLAN, "yes", "true or false"),
            refused(
                Setting.WITNESS_REGION, "us-west-2", "no value unless tableConsistency is strong"),
            refused(
                Map.of("tableConsistency", "strong", "tableTtlAttribute", "expiresAt"),
                NO_ENV,
                Setting.TABLE_TTL_ATTRIBUTE,
                "expiresAt",
                "multi-Region strong consistency does not support TTL"),
            refused(
                Map.of(
                    "tableConsistency",
                    "strong",
                    "tableTtlAttribute",
                    "",
                    "witnessRegion",
                    "us-east-2"),
                NO_ENV,
                Setting.WITNESS_REGION,
                "us-east-2",
                "other than them: one of [us-west-2]"),
            refused(
                Map.of(
                    "tableConsistency",
                    "strong",
                    "tableTtlAttribute",
                    "",
                    "secondaryRegion",
                    "eu-west-1"),
                NO_ENV,
                Setting.TABLE_CONSISTENCY,
                "strong",
                "are in one multi-Region strong consistency set"),
            refused(
                Map.of(
                    "tableConsistency",
                    "strong",
                    "tableTtlAttribute",
                    "",
                    "primaryRegion",
                    "eu-west-1",
                    "secondaryRegion",
                    "eu-central-1",
                    "primaryZones",
                    "eu-west-1a,eu-west-1b",
                    "secondaryZones",
                    "eu-central-1a,eu-central-1b"),
                NO_ENV,
                Setting.WITNESS_REGION,
                "",
                "one of [eu-west-2, eu-west-3]"),
            refused(Setting.PREVENT_DESTROY, "no", "true or false"),
            refused(
                Setting.PRIMARY_ZONES,
                "us-east-1a",
                zonesOfUsEast1,
                "us-east-1a,us-east-1b",
                "use1-az1,use1-az2"),
            refused(Setting.PRIMARY_ZONES, "us-east-1a,us-east-1b,us-east-1c", zonesOfUsEast1),
            eachRefused(
                Setting.SECONDARY_ZONES,
                List.of("us-east-2a,us-east-2a", "use2-az1,use2-az1"),
                "two different availability zones of us-east-2"),
            refused(Setting.PRIMARY_ZONES, "us-east-1a,us-east-2a", zonesOfUsEast1),
            refused(Setting.PRIMARY_ZONES, "use1-az1,use2-az1", "by zone ID (use1-az1,use1-az2)"),
            // Each account sees two of us-west-1's three zones, which two differing by account.
            refused(
                NO_CONTEXT,
                pairs("DR_SECONDARY_REGION", "us-west-1"),
                Setting.SECONDARY_ZONES,
                "",
                "two different availability zones of us-west-1",
                "usw1-az1",
                "aws ec2 describe-availability-zones --region us-west-1",
                "no default"),
            eachRefused(
                Setting.PRIMARY_AMI_ID,
                List.of("ami-123", "ami-0123456789ABCDEF0", "0123456789abcdef0", "ami-0123abcd0"),
                "an x86_64 AMI ID of the region (ami- and 8 or 17 hexadecimal digits)",
                "or empty"),
            eachRefused(
                Setting.LOCAL_STATE_PATH,
                List.of("..", "../terraform.tfstate", "state/../../x.tfstate", "state/.."),
                "a path inside the project (relative to its root, no '..') or an absolute path"),
            refused(
                NO_CONTEXT,
                pairs("DR_HOSTED_ZONE_ID", "Z0123456789ABCDEFGHIJ"),
                Setting.RECORD_NAME,
                "",
                "the failover record's name inside the existing hosted zone"
                    + " Z0123456789ABCDEFGHIJ"),
            refused(
                Setting.RECORD_NAME,
                "app.example.org",
                "a name inside the created zone dr-dev.example.com"))
        .flatMap(refusals -> refusals);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aBadValueIsTheOnlyProblemAndNamesSettingValueAndWhatIsAllowed(Refusal refusal) {
    assertOnlyProblem(
        refusal.context(), refusal.env(), refusal.setting(), refusal.value(), refusal.allowed());
  }

  @Test
  void zonesOfARefusedRegionAreNotReportedAgain() {
    ConfigException e = refusal(NO_CONTEXT, pairs("DR_PRIMARY_REGION", "moon-1"));
    assertEquals(1, e.problems().size(), e.problems()::toString);
    assertTrue(e.problems().get(0).startsWith(Setting.PRIMARY_REGION.label()), e::getMessage);
  }

  @Test
  void theSwitchLeavesUsEast1WhenTheSecondaryIsThere() {
    assertEquals(
        "us-west-2",
        env("DR_PRIMARY_REGION", "eu-west-1", "DR_SECONDARY_REGION", "us-east-1")
            .dns()
            .failoverSwitchRegion());
    assertEquals(
        "us-east-2",
        env("DR_PRIMARY_REGION", "us-west-2", "DR_SECONDARY_REGION", "us-east-1")
            .dns()
            .failoverSwitchRegion());
    assertEquals(
        "ca-central-1",
        env(
                "DR_PRIMARY_REGION",
                "us-west-2",
                "DR_SECONDARY_REGION",
                "us-east-1",
                "DR_FAILOVER_SWITCH_REGION",
                "ca-central-1")
            .dns()
            .failoverSwitchRegion());
  }

  @Test
  void aWaivedSubscriberLetsAStackWithoutEmailPlan() {
    assertFalse(env("DR_ALARM_SUBSCRIBER_WAIVED", "true").alerting().nobodyPaged());
    assertFalse(env("DR_ALARM_EMAIL", "oncall@acme-corp.com").alerting().nobodyPaged());
  }

  @Test
  void severalBadSettingsAreAllReportedInOneException() {
    ConfigException e =
        refusal(
            Map.of("appPort", 22),
            pairs(
                "ENVIRONMENT_SUFFIX", "Bad_Suffix",
                "DR_PRIMARY_REGION", "moon-1",
                "DR_ALARM_EMAIL", "nobody",
                "DR_LOG_RETENTION_DAYS", "2"));
    List<String> problems = e.problems();
    assertEquals(5, problems.size(), () -> "one problem per bad setting: " + problems);
    List<Setting<?>> named =
        List.of(
            Setting.ENVIRONMENT_SUFFIX,
            Setting.PRIMARY_REGION,
            Setting.APP_PORT,
            Setting.ALARM_EMAIL,
            Setting.LOG_RETENTION_DAYS);
    List<String> values = List.of("\"Bad_Suffix\"", "\"moon-1\"", "\"22\"", "\"nobody\"", "\"2\"");
    for (int i = 0; i < named.size(); i++) {
      Setting<?> setting = named.get(i);
      String value = values.get(i);
      String problem =
          problems.stream()
              .filter(p -> p.startsWith(setting.label()))
              .findFirst()
              .orElseThrow(() -> new AssertionError(setting + " not reported: " + problems));
      assertContains(problem, value);
      assertContains(e.getMessage(), problem);
    }
  }

  private static String uuid() {
    return "0123abcd-4567-89ef-0123-456789abcdef";
  }
}
