package io.drstack.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.constructs.Construct;

/**
 * Builds the one {@link DrConfig} from {@code cdktf.json} context and environment overrides, or
 * refuses it with a {@link ConfigException} that lists every bad setting. Each area's rules are in
 * their own class; this one reads them in the order the problems are reported.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** How the CDKTF CLI hands {@code cdktf.json}'s context to the app. */
  static final String CDKTF_CONTEXT_ENV = "CDKTF_CONTEXT_JSON";

  /**
   * Validates the settings and builds the configuration.
   *
   * @param context the app's context ({@code cdktf.json} {@code context}); missing keys take the
   *     documented defaults
   * @param env environment variables; a set variable overrides the context key
   */
  public static DrConfig load(Map<String, ?> context, Map<String, String> env) {
    return build(new SettingSource(context, env));
  }

  /** Reads the context the CDKTF CLI passed to {@code app} (from {@code cdktf.json}). */
  public static DrConfig load(Construct app, Map<String, String> env) {
    // Key by key: Node.getAllContext() of constructs 10.x leaves out the root's own context, and
    // the root (the App) is exactly where the CLI puts cdktf.json's context. Its keys are those of
    // the settings and of CDKTF_CONTEXT_JSON, cdktf.json's context as the CLI hands it over.
    Set<String> keys = new TreeSet<>(contextKeysFromCli(env));
    for (Setting<?> setting : Setting.all()) {
      if (setting.contextKey() != null) {
        keys.add(setting.contextKey());
      }
    }
    Map<String, Object> context = new HashMap<>();
    for (String key : keys) {
      Object value = app.getNode().tryGetContext(key);
      if (value != null) {
        context.put(key, value);
      }
    }
    return load(context, env);
  }

  private static Set<String> contextKeysFromCli(Map<String, String> env) {
    String json = env.get(CDKTF_CONTEXT_ENV);
    Set<String> keys = new TreeSet<>();
    if (json != null) {
      try {
        new ObjectMapper().readTree(json).fieldNames().forEachRemaining(keys::add);
      } catch (JsonProcessingException e) {
        // The App has parsed it already; an unreadable one leaves only the settings' keys.
      }
    }
    return keys;
  }

  private static DrConfig build(SettingSource settings) {
    settings.refuseUnknownContextKeys();
    settings.refuseUnknownEnvironmentVariables();
    settings.refuseUnsafeValues();
    String suffix = settings.get(Setting.ENVIRONMENT_SUFFIX);
    String primaryRegion = settings.get(Setting.PRIMARY_REGION);
    String secondaryRegion = RegionSettings.secondaryRegion(settings, primaryRegion);
    RegionSettings primary = RegionSettings.Side.PRIMARY.read(settings, primaryRegion);
    RegionSettings secondary = RegionSettings.Side.SECONDARY.read(settings, secondaryRegion);
    RegionSettings.refuseOverlap(settings, primary.vpcCidr(), secondary.vpcCidr());
    ServiceSettings service = ServiceSettings.read(settings);
    CanarySettings canary = CanarySettings.read(settings, secondary.capacity());
    TableSettings table = TableSettings.read(settings, primaryRegion, secondaryRegion);
    Optional<String> account = settings.optional(Setting.EXPECTED_ACCOUNT_ID);
    Optional<String> emulator = settings.optional(Setting.EMULATOR_ENDPOINT);
    if (account.isPresent() && emulator.isPresent()) {
      // The emulator's providers skip the account look-up that allowed_account_ids needs.
      settings.refuse(
          Setting.EXPECTED_ACCOUNT_ID, account.get(), "unset together with emulatorEndpoint");
    }
    return checked(
        settings,
        new DrConfig(
            suffix,
            account,
            primary,
            secondary,
            TrafficSettings.read(settings, primary.capacity(), secondary.capacity(), canary),
            TagRules.tags(settings, suffix),
            stateBackend(settings, suffix, primaryRegion, secondaryRegion),
            table,
            service,
            DnsSettings.read(settings, suffix, primaryRegion, secondaryRegion),
            AlertingSettings.read(settings),
            new Objectives(
                settings.get(Setting.TARGET_RTO_SECONDS), settings.get(Setting.TARGET_RPO_SECONDS)),
            RehearsalSettings.read(settings),
            canary,
            settings.get(Setting.PREVENT_DESTROY),
            emulator,
            settings.warnings()));
  }

  private static StateBackend stateBackend(
      SettingSource settings, String suffix, String primaryRegion, String secondaryRegion) {
    String kind = settings.get(Setting.STATE_BACKEND);
    // A backend that is no backend has no path to check either.
    if (settings.isSet(Setting.STATE_BACKEND) && settings.refused(Setting.STATE_BACKEND)) {
      return new StateBackend.Local("");
    }
    return kind.equals("s3")
        ? StateBackend.S3.read(settings, suffix, primaryRegion, secondaryRegion)
        : StateBackend.Local.read(settings, suffix);
  }

  /** Checks the recovery objectives, then turns the collected problems into one exception. */
  private static DrConfig checked(SettingSource settings, DrConfig config) {
    DnsSettings.refuseUnnameableLatencySet(settings, config.dns(), config.traffic());
    // The objectives are computed from the other settings: only meaningful once those are valid.
    if (settings.problems().isEmpty()) {
      RecoveryObjectives.of(config)
          .shortfalls()
          .forEach(missed -> settings.refuse(missed.target(), missed.value(), missed.expected()));
    }
    if (!settings.problems().isEmpty()) {
      throw new ConfigException(settings.problems());
    }
    return config;
  }
}
