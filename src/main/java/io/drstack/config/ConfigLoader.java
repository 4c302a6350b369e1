package io.drstack.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.constructs.Construct;

/**
 * Builds the one {@link DrConfig} from {@code cdktf.json} context and environment overrides, or
 * refuses it with a {@link ConfigException} that lists every bad setting.
 */
public final class ConfigLoader {

  /**
   * Regions the required AWS provider line ({@code ~> 6.47.0}) accepts in the {@code aws}
   * partition: its {@code region} validation.
   */
  public static final Set<String> REGIONS =
      Set.of(
          "us-east-1",
          "us-east-2",
          "us-west-1",
          "us-west-2",
          "af-south-1",
          "ap-east-1",
          "ap-east-2",
          "ap-south-1",
          "ap-south-2",
          "ap-southeast-1",
          "ap-southeast-2",
          "ap-southeast-3",
          "ap-southeast-4",
          "ap-southeast-5",
          "ap-southeast-6",
          "ap-southeast-7",
          "ap-northeast-1",
          "ap-northeast-2",
          "ap-northeast-3",
          "ca-central-1",
          "ca-west-1",
          "eu-central-1",
          "eu-central-2",
          "eu-west-1",
          "eu-west-2",
          "eu-west-3",
          "eu-south-1",
          "eu-south-2",
          "eu-north-1",
          "il-central-1",
          "me-south-1",
          "me-central-1",
          "mx-central-1",
          "sa-east-1");

  /** {@code dr-alb-<suffix>} must fit the 32-character limit of ALB and target group names. */
  public static final int MAX_SUFFIX_LENGTH = 32 - "dr-alb-".length();

  /** The retention periods CloudWatch Logs accepts. */
  public static final Set<Integer> LOG_RETENTION_DAYS =
      Set.of(
          1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557,
          2922, 3288, 3653);

  private static final Pattern SUFFIX = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
  private static final Pattern CIDR =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");
  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");

  /** Graviton families (a1, t4g, m6gd, c7gn, ...): the stack's AMI is x86_64. */
  private static final Pattern ARM_INSTANCE_TYPE =
      Pattern.compile("(a1|[a-z]+\\d+[a-z]*g[a-z]*)\\..*");

  private static final Pattern CERTIFICATE_ARN =
      Pattern.compile("arn:aws:acm:([a-z0-9-]+):\\d{12}:certificate/[0-9a-f-]{36}");
  private static final Pattern HOSTED_ZONE_ID = Pattern.compile("Z[A-Z0-9]{1,31}");
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern LOOPBACK_URL =
      Pattern.compile(
          "http://(127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){2}"
              + "|localhost|\\[::1\\]):(\\d{1,5})");

  /** How the CDKTF CLI hands {@code cdktf.json}'s context to the app. */
  static final String CDKTF_CONTEXT_ENV = "CDKTF_CONTEXT_JSON";

  /** Feature flags that {@code cdktf init} of earlier CDKTF versions wrote into the context. */
  private static final Set<String> CDKTF_FLAGS =
      Set.of("excludeStackIdFromLogicalIds", "allowSepCharsInLogicalIds");

  /** Terraform runs in {@code cdktf.out/stacks/<stack>/}, three levels below the project root. */
  public static final String STACK_DIR_TO_PROJECT_ROOT = "../../../";

  private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");

  /**
   * Regions whose first two zone names are not {@code <region>a} and {@code <region>b} in every
   * account: ap-northeast-1 has no zone b for newer accounts, and us-west-1 offers each account two
   * of its three zones, which two differing by account (so it has no default at all).
   */
  private static final Map<String, List<String>> DEFAULT_ZONE_LETTERS =
      Map.of("ap-northeast-1", List.of("a", "c"), "us-west-1", List.of());

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,255}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  private final Map<String, ?> context;
  private final Map<String, String> env;
  private final List<String> problems = new ArrayList<>();
  private final Set<Setting> refused = EnumSet.noneOf(Setting.class);

  private ConfigLoader(Map<String, ?> context, Map<String, String> env) {
    this.context = context;
    this.env = env;
  }

  /**
   * Validates the settings and builds the configuration.
   *
   * @param context the app's context ({@code cdktf.json} {@code context}); missing keys take the
   *     documented defaults
   * @param env environment variables; a set variable overrides the context key
   */
  public static DrConfig load(Map<String, ?> context, Map<String, String> env) {
    return new ConfigLoader(context, env).build();
  }

  /** Reads the context the CDKTF CLI passed to {@code app} (from {@code cdktf.json}). */
  public static DrConfig load(Construct app, Map<String, String> env) {
    // Key by key: Node.getAllContext() of constructs 10.x leaves out the root's own context, and
    // the root (the App) is exactly where the CLI puts cdktf.json's context. Its keys are those of
    // the settings and of CDKTF_CONTEXT_JSON, cdktf.json's context as the CLI hands it over.
    Set<String> keys = new TreeSet<>(contextKeysFromCli(env));
    for (Setting setting : Setting.values()) {
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

  private DrConfig build() {
    refuseUnknownContextKeys();
    String suffix = text(Setting.ENVIRONMENT_SUFFIX, "dev");
    if (suffix.length() > MAX_SUFFIX_LENGTH || !SUFFIX.matcher(suffix).matches()) {
      refuse(
          Setting.ENVIRONMENT_SUFFIX,
          suffix,
          "1 to "
              + MAX_SUFFIX_LENGTH
              + " lowercase letters, digits and inner hyphens, so that every resource name"
              + " (ALB and target group names are at most 32 characters) stays valid");
    }
    String primaryRegion = region(Setting.PRIMARY_REGION, "us-east-1");
    String secondaryRegion = region(Setting.SECONDARY_REGION, "us-east-2");
    if (primaryRegion.equals(secondaryRegion)) {
      refuse(
          Setting.SECONDARY_REGION,
          secondaryRegion,
          "a region other than the primary region (" + primaryRegion + ")");
    }

    RegionSettings primary =
        regionSettings(
            primaryRegion,
            Setting.PRIMARY_VPC_CIDR,
            "10.10.0.0/16",
            zones(Setting.PRIMARY_ZONES, primaryRegion, Setting.PRIMARY_REGION),
            capacity(
                Setting.PRIMARY_MIN_CAPACITY,
                Setting.PRIMARY_DESIRED_CAPACITY,
                Setting.PRIMARY_MAX_CAPACITY,
                2,
                2,
                4,
                1),
            Setting.PRIMARY_CERTIFICATE_ARN,
            amiId(Setting.PRIMARY_AMI_ID));
    RegionSettings secondary =
        regionSettings(
            secondaryRegion,
            Setting.SECONDARY_VPC_CIDR,
            "10.20.0.0/16",
            zones(Setting.SECONDARY_ZONES, secondaryRegion, Setting.SECONDARY_REGION),
            capacity(
                Setting.SECONDARY_MIN_CAPACITY,
                Setting.SECONDARY_DESIRED_CAPACITY,
                Setting.SECONDARY_MAX_CAPACITY,
                1,
                1,
                4,
                0),
            Setting.SECONDARY_CERTIFICATE_ARN,
            amiId(Setting.SECONDARY_AMI_ID));
    if (cidrsOverlap(primary.vpcCidr(), secondary.vpcCidr())) {
      refuse(
          Setting.SECONDARY_VPC_CIDR,
          secondary.vpcCidr(),
          "a block that does not overlap the primary VPC (" + primary.vpcCidr() + ")");
    }

    String instanceType = text(Setting.INSTANCE_TYPE, "t3.micro");
    if (!INSTANCE_TYPE.matcher(instanceType).matches()) {
      refuse(Setting.INSTANCE_TYPE, instanceType, "an EC2 instance type such as t3.micro");
    } else if (ARM_INSTANCE_TYPE.matcher(instanceType).matches()) {
      refuse(
          Setting.INSTANCE_TYPE,
          instanceType,
          "an x86_64 instance type such as t3.micro (the instances boot the x86_64 Amazon Linux"
              + " 2023 AMI, so Graviton types cannot launch it)");
    }
    ServiceSettings service =
        new ServiceSettings(
            instanceType,
            integer(Setting.APP_PORT, 8080, 1024, 65535),
            bool(Setting.ALB_DELETION_PROTECTION, true));

    Optional<String> ttl = optionalText(Setting.TABLE_TTL_ATTRIBUTE, "expiresAt");
    ttl.filter(name -> !ATTRIBUTE_NAME.matcher(name).matches())
        .ifPresent(
            name ->
                refuse(
                    Setting.TABLE_TTL_ATTRIBUTE,
                    name,
                    "a DynamoDB attribute name of 1-255 letters, digits, '_', '-' or '.',"
                        + " or empty to turn TTL off"));
    TableSettings table = new TableSettings(bool(Setting.TABLE_DELETION_PROTECTION, true), ttl);

    return checked(
        new DrConfig(
            suffix,
            primary,
            secondary,
            tags(suffix),
            stateBackend(suffix, primaryRegion),
            table,
            service,
            dns(suffix),
            alerting(),
            new Objectives(
                integer(Setting.TARGET_RTO_SECONDS, 120, 1, 86_400),
                integer(Setting.TARGET_RPO_SECONDS, 300, 1, 86_400)),
            bool(Setting.PREVENT_DESTROY, true),
            emulatorEndpoint()));
  }

  private RegionSettings regionSettings(
      String region,
      Setting cidrSetting,
      String defaultCidr,
      List<AvailabilityZone> zones,
      Capacity capacity,
      Setting cert,
      Optional<String> amiId) {
    String cidr = text(cidrSetting, defaultCidr);
    if (!validCidr(cidr)) {
      refuse(cidrSetting, cidr, "an IPv4 network block from /16 to /22, such as " + defaultCidr);
    }
    Optional<String> certificateArn = optionalText(cert, "");
    certificateArn.ifPresent(
        arn -> {
          var matcher = CERTIFICATE_ARN.matcher(arn);
          if (!matcher.matches()) {
            refuse(
                cert,
                arn,
                "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)"
                    + " or empty for plain HTTP");
          } else if (!matcher.group(1).equals(region)) {
            refuse(
                cert,
                arn,
                "a certificate in "
                    + region
                    + ", the region of its load balancer (ACM certificates are regional)");
          }
        });
    return new RegionSettings(region, cidr, zones, capacity, certificateArn, amiId);
  }

  /**
   * Two distinct zones of {@code region}, by name or zone ID. The default, {@code <region>a} and
   * {@code <region>b} (a and c in ap-northeast-1), is what the stack's subnets used before zones
   * were a setting, so an upgrade keeps them; us-west-1 has no default.
   */
  private List<AvailabilityZone> zones(Setting setting, String region, Setting regionSetting) {
    List<String> letters = DEFAULT_ZONE_LETTERS.getOrDefault(region, List.of("a", "b"));
    String defaultZones = String.join(",", letters.stream().map(l -> region + l).toList());
    String text = text(setting, defaultZones);
    String expected =
        "two different availability zones of "
            + region
            + ", comma-separated, by name ("
            + region
            + "a,"
            + region
            + "b) or by zone ID ("
            + AvailabilityZone.idPrefix(region)
            + "-az1,"
            + AvailabilityZone.idPrefix(region)
            + "-az2); list yours with: aws ec2 describe-availability-zones --region "
            + region;
    if (text.isEmpty()) {
      if (!refused.contains(regionSetting)) {
        refuse(
            setting, "", expected + " (this region has no default: its zones differ by account)");
      }
      return List.of();
    }
    String[] parts = text.split(",", -1);
    List<AvailabilityZone> zones = new ArrayList<>();
    for (String part : parts) {
      AvailabilityZone.parse(region, part.trim()).ifPresent(zones::add);
    }
    if (!refused.contains(regionSetting)
        && (parts.length != 2 || zones.size() != 2 || zones.get(0).equals(zones.get(1)))) {
      refuse(setting, text, expected);
    }
    return zones;
  }

  private Optional<String> amiId(Setting setting) {
    Optional<String> ami = optionalText(setting, "");
    ami.filter(id -> !AMI_ID.matcher(id).matches())
        .ifPresent(
            id ->
                refuse(
                    setting,
                    id,
                    "an x86_64 AMI ID of the region (ami- and 8 or 17 hexadecimal digits), or"
                        + " empty to take the newest Amazon Linux 2023 AMI once, at creation"));
    return ami;
  }

  private Capacity capacity(
      Setting minSetting,
      Setting desiredSetting,
      Setting maxSetting,
      int defaultMin,
      int defaultDesired,
      int defaultMax,
      int lowest) {
    int min = integer(minSetting, defaultMin, lowest, 100);
    int max = integer(maxSetting, defaultMax, 1, 100);
    int desired = integer(desiredSetting, defaultDesired, lowest, 100);
    if (max < min) {
      refuse(maxSetting, max, "at least " + minSetting.contextKey() + " (" + min + ")");
    } else if (desired < min || desired > max) {
      refuse(
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

  private DnsSettings dns(String suffix) {
    Optional<String> zoneId = optionalText(Setting.HOSTED_ZONE_ID, "");
    zoneId
        .filter(id -> !HOSTED_ZONE_ID.matcher(id).matches())
        .ifPresent(
            id ->
                refuse(
                    Setting.HOSTED_ZONE_ID,
                    id,
                    "a Route 53 hosted zone id (Z followed by up to 31 uppercase letters and"
                        + " digits, e.g. Z0123456789ABCDEFGHIJ), or empty to create a zone"));
    String zoneName =
        dnsName(Setting.ZONE_NAME, "dr-" + suffix + ".example.com", Setting.ENVIRONMENT_SUFFIX);
    String recordName =
        dnsName(
            Setting.RECORD_NAME, "app." + zoneName, Setting.ENVIRONMENT_SUFFIX, Setting.ZONE_NAME);
    if (zoneId.isEmpty() && !recordName.endsWith("." + zoneName) && !recordName.equals(zoneName)) {
      refuse(Setting.RECORD_NAME, recordName, "a name inside the created zone " + zoneName);
    }
    // The default record name lies in the zone this stack would create, never in someone else's.
    if (zoneId.filter(id -> HOSTED_ZONE_ID.matcher(id).matches()).isPresent()
        && optionalText(Setting.RECORD_NAME, "").isEmpty()) {
      refuse(
          Setting.RECORD_NAME,
          "",
          "the failover record's name inside the existing hosted zone "
              + zoneId.get()
              + " (required with hostedZoneId)");
    }
    int interval =
        oneOf(
            Setting.HEALTH_CHECK_INTERVAL,
            10,
            Set.of(10, 30),
            "10 or 30 (the intervals Route 53 offers)");
    return new DnsSettings(
        zoneId,
        zoneName,
        recordName,
        interval,
        integer(Setting.HEALTH_CHECK_FAILURE_THRESHOLD, 3, 1, 10));
  }

  private AlertingSettings alerting() {
    Optional<String> email = optionalText(Setting.ALARM_EMAIL, "");
    email
        .filter(address -> !EMAIL.matcher(address).matches())
        .ifPresent(
            address ->
                refuse(Setting.ALARM_EMAIL, address, "an e-mail address, or empty for none"));
    int retention =
        oneOf(
            Setting.LOG_RETENTION_DAYS,
            365,
            LOG_RETENTION_DAYS,
            "one of the periods CloudWatch Logs accepts: " + new TreeSet<>(LOG_RETENTION_DAYS));
    return new AlertingSettings(
        email,
        integer(
            Setting.REPLICATION_LATENCY_THRESHOLD_MS,
            3000,
            RecoveryObjectives.MIN_REPLICATION_THRESHOLD_MS,
            600_000),
        retention);
  }

  /** Only loopback: the emulator mode must never send dummy credentials anywhere else. */
  private Optional<String> emulatorEndpoint() {
    Optional<String> endpoint = optionalText(Setting.EMULATOR_ENDPOINT, "");
    endpoint
        .filter(url -> !isLoopbackUrl(url))
        .ifPresent(
            url ->
                refuse(
                    Setting.EMULATOR_ENDPOINT,
                    url,
                    "an http URL on this machine's loopback interface, such as"
                        + " http://127.0.0.1:5000, or empty for real AWS"));
    return endpoint;
  }

  private static boolean isLoopbackUrl(String url) {
    var matcher = LOOPBACK_URL.matcher(url);
    return matcher.matches() && Integer.parseInt(matcher.group(5)) <= 65_535;
  }

  private Map<String, String> tags(String suffix) {
    Map<String, String> tags = new TreeMap<>();
    tags.put("Project", "dr-stack");
    tags.put("Environment", suffix);
    tags.put("ManagedBy", "cdktf");
    String fromEnv = env.get(Setting.TAGS.envVar());
    if (fromEnv != null) {
      for (String pair : fromEnv.split(",", -1)) {
        String trimmed = pair.trim();
        int eq = trimmed.indexOf('=');
        if (trimmed.isEmpty()) {
          continue;
        }
        if (eq <= 0) {
          refuse(Setting.TAGS, fromEnv, "comma-separated key=value pairs, e.g. Owner=team-a");
          break;
        }
        putTag(tags, trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
      }
    } else if (context.get(Setting.TAGS.contextKey()) instanceof Map<?, ?> fromContext) {
      fromContext.forEach((k, v) -> putTag(tags, String.valueOf(k), String.valueOf(v)));
    } else if (context.get(Setting.TAGS.contextKey()) != null) {
      refuse(
          Setting.TAGS,
          context.get(Setting.TAGS.contextKey()),
          "a JSON object of tag names to values");
    }
    return tags;
  }

  private void putTag(Map<String, String> tags, String key, String value) {
    if (key.isEmpty()
        || key.length() > 128
        || key.toLowerCase(java.util.Locale.ROOT).startsWith("aws:")) {
      refuse(Setting.TAGS, key, "tag keys of 1-128 characters that do not start with 'aws:'");
    } else if (value.length() > 256) {
      refuse(Setting.TAGS, value, "tag values of at most 256 characters");
    } else {
      tags.put(key, value);
    }
  }

  private StateBackend stateBackend(String suffix, String primaryRegion) {
    String kind = text(Setting.STATE_BACKEND, "local");
    return switch (kind) {
      case "local" -> new StateBackend.Local(localStatePath(suffix));
      case "s3" -> s3Backend(suffix, primaryRegion);
      default -> {
        refuse(Setting.STATE_BACKEND, kind, "local or s3");
        yield new StateBackend.Local("");
      }
    };
  }

  /**
   * The state file, as Terraform opens it from the stack's directory {@code
   * cdktf.out/stacks/<stack>/}: a relative setting is relative to the project root, so the default
   * {@code state/terraform.TapStack<suffix>.tfstate} lies outside {@code cdktf.out}, which the CLI
   * deletes from whenever a synth no longer produces a stack.
   */
  private String localStatePath(String suffix) {
    String path = text(Setting.LOCAL_STATE_PATH, "state/terraform.TapStack" + suffix + ".tfstate");
    if (path.startsWith("/")) {
      return path;
    }
    if (path.equals("..")
        || path.startsWith("../")
        || path.contains("/../")
        || path.endsWith("/..")) {
      refuse(
          Setting.LOCAL_STATE_PATH,
          path,
          "a path inside the project (relative to its root, no '..') or an absolute path");
    }
    return STACK_DIR_TO_PROJECT_ROOT + path;
  }

  private StateBackend s3Backend(String suffix, String primaryRegion) {
    String bucket = text(Setting.STATE_BUCKET, "");
    if (!BUCKET.matcher(bucket).matches()) {
      refuse(
          Setting.STATE_BUCKET,
          bucket,
          "the name of an existing S3 bucket (3-63 lowercase letters, digits, '.' and '-')"
              + " when stateBackend is s3");
    }
    String lockTable = text(Setting.STATE_LOCK_TABLE, "");
    if (!TABLE_NAME.matcher(lockTable).matches()) {
      refuse(
          Setting.STATE_LOCK_TABLE,
          lockTable,
          "the name of an existing DynamoDB table with a LockID string key when stateBackend"
              + " is s3");
    }
    return new StateBackend.S3(
        bucket,
        text(Setting.STATE_KEY, "dr-stack/" + suffix + "/terraform.tfstate"),
        region(Setting.STATE_REGION, primaryRegion),
        lockTable,
        optionalText(Setting.STATE_KMS_KEY_ID, ""));
  }

  private String region(Setting setting, String defaultRegion) {
    String region = text(setting, defaultRegion);
    if (!REGIONS.contains(region)) {
      refuse(setting, region, "an AWS region name, one of " + new TreeSet<>(REGIONS));
    }
    return region;
  }

  /**
   * A DNS name setting; {@code defaultName} is derived from {@code derivedFrom}, so when one of
   * those is already refused and the setting is not set, that problem is not reported twice.
   */
  private String dnsName(Setting setting, String defaultName, Setting... derivedFrom) {
    String name = text(setting, defaultName);
    String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    boolean explicit = raw(setting).map(String::valueOf).filter(s -> !s.isEmpty()).isPresent();
    boolean inherited = !explicit && List.of(derivedFrom).stream().anyMatch(refused::contains);
    if (!inherited && !DNS_NAME.matcher(bare).matches()) {
      refuse(setting, name, "a lowercase DNS name such as app.example.com");
    }
    return bare;
  }

  /** The raw value: the environment variable when set, else the context key, else empty. */
  private Optional<Object> raw(Setting setting) {
    String fromEnv = env.get(setting.envVar());
    if (fromEnv != null) {
      return Optional.of(fromEnv.trim());
    }
    return setting.contextKey() == null
        ? Optional.empty()
        : Optional.ofNullable(context.get(setting.contextKey()));
  }

  private String text(Setting setting, String defaultValue) {
    return raw(setting).map(String::valueOf).filter(s -> !s.isEmpty()).orElse(defaultValue);
  }

  private Optional<String> optionalText(Setting setting, String defaultValue) {
    return Optional.of(raw(setting).map(String::valueOf).orElse(defaultValue))
        .filter(s -> !s.isEmpty());
  }

  /** A number that must be one of {@code allowed}, described to the user as {@code expected}. */
  private int oneOf(Setting setting, int defaultValue, Set<Integer> allowed, String expected) {
    Optional<Object> value = raw(setting);
    if (value.isEmpty() || "".equals(value.get())) {
      return defaultValue;
    }
    Integer parsed = parseInteger(value.get());
    if (parsed == null || !allowed.contains(parsed)) {
      refuse(setting, value.get(), expected);
      return defaultValue;
    }
    return parsed;
  }

  private int integer(Setting setting, int defaultValue, int min, int max) {
    Optional<Object> value = raw(setting);
    if (value.isEmpty() || "".equals(value.get())) {
      return defaultValue;
    }
    Object v = value.get();
    Integer parsed = parseInteger(v);
    if (parsed == null || parsed < min || parsed > max) {
      refuse(setting, v, "a whole number from " + min + " to " + max);
      return defaultValue;
    }
    return parsed;
  }

  private static Integer parseInteger(Object value) {
    if (value instanceof Number n) {
      // Range-checked as a double first: intValue() of a Long or a large Double wraps or clamps.
      double d = n.doubleValue();
      return d == Math.rint(d) && d >= Integer.MIN_VALUE && d <= Integer.MAX_VALUE
          ? Integer.valueOf(n.intValue())
          : null;
    }
    try {
      return Integer.valueOf(String.valueOf(value));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private boolean bool(Setting setting, boolean defaultValue) {
    Optional<Object> value = raw(setting);
    if (value.isEmpty() || "".equals(value.get())) {
      return defaultValue;
    }
    Object v = value.get();
    Boolean parsed =
        v instanceof Boolean b
            ? b
            : switch (String.valueOf(v)) {
              case "true" -> Boolean.TRUE;
              case "false" -> Boolean.FALSE;
              default -> null;
            };
    if (parsed == null) {
      refuse(setting, value.get(), "true or false");
      return defaultValue;
    }
    return parsed;
  }

  /**
   * A key in {@code cdktf.json} context that is no setting (a typo such as {@code primaryRegoin})
   * would otherwise leave its setting at the default without a word. CDKTF's own keys pass.
   */
  private void refuseUnknownContextKeys() {
    List<Setting> inContext =
        Stream.of(Setting.values()).filter(setting -> setting.contextKey() != null).toList();
    Set<String> settingKeys =
        inContext.stream().map(Setting::contextKey).collect(Collectors.toSet());
    new TreeSet<>(context.keySet())
        .stream()
            .filter(key -> !settingKeys.contains(key) && !isCdktfContextKey(key))
            .forEach(
                key -> {
                  Setting suggestion =
                      inContext.stream()
                          .min(
                              Comparator.comparingInt(
                                  setting -> editDistance(key, setting.contextKey())))
                          .orElseThrow();
                  problems.add(
                      "cdktf.json context \""
                          + key
                          + "\" = \""
                          + context.get(key)
                          + "\": not a setting of this stack; did you mean "
                          + suggestion.label()
                          + "? Every setting is in help/configuration.md");
                });
  }

  /** Keys CDKTF itself reads or writes, and the feature flags older {@code cdktf init} wrote. */
  static boolean isCdktfContextKey(String key) {
    return key.startsWith("cdktf") || key.startsWith("@cdktf/") || CDKTF_FLAGS.contains(key);
  }

  /** Levenshtein distance, ignoring case. */
  static int editDistance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] previous = new int[y.length() + 1];
    int[] current = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int substitution = previous[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[y.length()];
  }

  private void refuse(Setting setting, Object value, String allowed) {
    refused.add(setting);
    problems.add(setting.label() + " = \"" + value + "\": expected " + allowed);
  }

  static boolean validCidr(String cidr) {
    var m = CIDR.matcher(cidr);
    if (!m.matches()) {
      return false;
    }
    for (int i = 1; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    int prefix = Integer.parseInt(m.group(5));
    return prefix >= 16 && prefix <= 22 && (address(cidr) & ~mask(prefix)) == 0;
  }

  private static boolean cidrsOverlap(String a, String b) {
    if (!validCidr(a) || !validCidr(b)) {
      return false;
    }
    long mask = mask(Math.min(prefix(a), prefix(b)));
    return (address(a) & mask) == (address(b) & mask);
  }

  private static int prefix(String cidr) {
    return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
  }

  private static long address(String cidr) {
    long result = 0;
    for (String octet : cidr.substring(0, cidr.indexOf('/')).split("\\.", -1)) {
      result = (result << 8) | Long.parseLong(octet);
    }
    return result;
  }

  private static long mask(int prefix) {
    return (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  /**
   * Called last by {@link #build()}: checks the recovery objectives, then turns the collected
   * problems into one exception.
   */
  private DrConfig checked(DrConfig config) {
    // The objectives are computed from the other settings: only meaningful once those are valid.
    if (problems.isEmpty()) {
      problems.addAll(RecoveryObjectives.of(config).shortfalls());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }
}
