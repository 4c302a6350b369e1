package io.drstack.config;

import java.util.regex.Pattern;

/** Where Terraform keeps the state: a local file, or an S3 bucket with a DynamoDB lock table. */
final class StateBackendRules {
  private StateBackendRules() {}

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

  static StateBackend stateBackend(SettingSource settings, String suffix, String secondaryRegion) {
    String kind = settings.text(Setting.STATE_BACKEND);
    return switch (kind) {
      case "local" -> new StateBackend.Local(localStatePath(settings, suffix));
      case "s3" -> s3Backend(settings, suffix, secondaryRegion);
      default -> {
        settings.refuse(Setting.STATE_BACKEND, kind, "local or s3");
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
  private static String localStatePath(SettingSource settings, String suffix) {
    String path =
        settings.text(Setting.LOCAL_STATE_PATH, "state/terraform.TapStack" + suffix + ".tfstate");
    if (path.startsWith("/")) {
      return path;
    }
    if (path.equals("..")
        || path.startsWith("../")
        || path.contains("/../")
        || path.endsWith("/..")) {
      settings.refuse(
          Setting.LOCAL_STATE_PATH,
          path,
          "a path inside the project (relative to its root, no '..') or an absolute path");
    }
    return StateBackend.Local.STACK_DIR_TO_PROJECT_ROOT + path;
  }

  /**
   * The bucket's region defaults to the secondary: the state must be readable exactly when the
   * primary region fails.
   */
  private static StateBackend s3Backend(
      SettingSource settings, String suffix, String secondaryRegion) {
    String bucket =
        settings.text(
            Setting.STATE_BUCKET,
            BUCKET.asMatchPredicate(),
            "the name of an existing S3 bucket (3-63 lowercase letters, digits, '.' and '-')"
                + " when stateBackend is s3");
    String lockTable =
        settings.text(
            Setting.STATE_LOCK_TABLE,
            TABLE_NAME.asMatchPredicate(),
            "the name of an existing DynamoDB table with a LockID string key when stateBackend"
                + " is s3");
    return new StateBackend.S3(
        bucket,
        settings.text(Setting.STATE_KEY, "dr-stack/" + suffix + "/terraform.tfstate"),
        RegionRules.region(settings, Setting.STATE_REGION, secondaryRegion),
        lockTable,
        settings.optionalText(Setting.STATE_KMS_KEY_ID));
  }
}
