package io.drstack.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where Terraform keeps the stack's state. */
public sealed interface StateBackend {

  /** A state file on the machine that runs Terraform: fine for trying the stack out. */
  record Local(String path) implements StateBackend {
    /** Terraform runs in {@code cdktf.out/stacks/<stack>/}, three levels below the project root. */
    public static final String STACK_DIR_TO_PROJECT_ROOT = "../../../";

    /**
     * The state file, as Terraform opens it from the stack's directory {@code
     * cdktf.out/stacks/<stack>/}: a relative setting is relative to the project root, so the
     * default {@code state/terraform.TapStack<suffix>.tfstate} lies outside {@code cdktf.out},
     * which the CLI deletes from whenever a synth no longer produces a stack.
     */
    static Local read(SettingSource settings, String suffix) {
      String path =
          settings.get(Setting.LOCAL_STATE_PATH, "state/terraform.TapStack" + suffix + ".tfstate");
      return new Local(path.startsWith("/") ? path : STACK_DIR_TO_PROJECT_ROOT + path);
    }
  }

  /**
   * Shared, encrypted state, locked by a lock file next to it (Terraform's native S3 locking) and,
   * while a team moves off it, also by a DynamoDB table.
   *
   * @param region the bucket's region: by default neither of the stack's regions
   * @param lockTable a DynamoDB lock table, kept only for Terraform runs that predate lock files
   * @param kmsKeyId a key in {@code region} for the state object; the bucket's default without it
   */
  record S3(
      String bucket,
      String key,
      String region,
      Optional<String> lockTable,
      Optional<String> kmsKeyId)
      implements StateBackend {

    /**
     * The default bucket region, in this order of preference: the first region of the primary's
     * geography (the part of its name before the first '-') that serves neither of the stack's
     * regions. State in a serving region is unreadable exactly when that region fails, and the
     * targeted applies of help/operations.md need it then.
     */
    private static final List<String> STATE_REGION_PREFERENCE =
        List.of(
            "us-west-2",
            "us-east-2",
            "us-east-1",
            "us-west-1",
            "eu-west-1",
            "eu-central-1",
            "eu-west-2",
            "eu-west-3",
            "eu-north-1",
            "eu-south-1",
            "eu-south-2",
            "eu-central-2",
            "ap-southeast-2",
            "ap-northeast-1",
            "ap-southeast-1",
            "ap-northeast-2",
            "ap-south-1",
            "ap-northeast-3",
            "ap-southeast-3",
            "ap-south-2",
            "ap-southeast-4",
            "ap-east-1",
            "ap-east-2",
            "ap-southeast-5",
            "ap-southeast-6",
            "ap-southeast-7",
            "ca-central-1",
            "ca-west-1",
            "me-central-1",
            "me-south-1");

    /** A KMS key ARN: its region is the fourth field. */
    private static final Pattern KMS_KEY_ARN =
        Pattern.compile("arn:aws[a-z-]*:kms:([a-z0-9-]+):[0-9]{12}:(key|alias)/.+");

    static S3 read(
        SettingSource settings, String suffix, String primaryRegion, String secondaryRegion) {
      // Required: unset, it is checked as the empty name, which its check refuses.
      String bucket = settings.get(Setting.STATE_BUCKET, "");
      Optional<String> lockTable = settings.optional(Setting.STATE_LOCK_TABLE);
      String region = stateRegion(settings, primaryRegion, secondaryRegion);
      Optional<String> kmsKeyId = settings.optional(Setting.STATE_KMS_KEY_ID);
      kmsKeyId.ifPresent(key -> refuseKeyOutsideBucketRegion(settings, key, region));
      return new S3(
          bucket,
          settings.get(Setting.STATE_KEY, "dr-stack/" + suffix + "/terraform.tfstate"),
          region,
          lockTable,
          kmsKeyId);
    }

    private static String stateRegion(
        SettingSource settings, String primaryRegion, String secondaryRegion) {
      if (settings.isSet(Setting.STATE_REGION)) {
        return settings.get(Setting.STATE_REGION, "");
      }
      Optional<String> third = thirdRegion(primaryRegion, secondaryRegion);
      if (third.isEmpty()) {
        settings.refuse(
            Setting.STATE_REGION,
            "",
            "a region name when stateBackend is s3: the default is a region of "
                + primaryRegion
                + "'s geography other than "
                + primaryRegion
                + " and "
                + secondaryRegion
                + ", and there is none");
        return primaryRegion;
      }
      return third.get();
    }

    /** The default state region for a pair of regions, when their geography has a third. */
    private static Optional<String> thirdRegion(String primaryRegion, String secondaryRegion) {
      String geography = primaryRegion.substring(0, primaryRegion.indexOf('-') + 1);
      return STATE_REGION_PREFERENCE.stream()
          .filter(region -> region.startsWith(geography))
          .filter(region -> !region.equals(primaryRegion) && !region.equals(secondaryRegion))
          .findFirst();
    }

    /**
     * S3 encrypts an object only with a key of the bucket's region: a key ARN of another region
     * would fail at the first write of the state, after the apply changed the infrastructure.
     */
    private static void refuseKeyOutsideBucketRegion(
        SettingSource settings, String key, String region) {
      Matcher arn = KMS_KEY_ARN.matcher(key);
      if (arn.matches() && !arn.group(1).equals(region)) {
        settings.refuse(
            Setting.STATE_KMS_KEY_ID,
            key,
            "a key in the state bucket's region, stateRegion ("
                + region
                + (settings.isSet(Setting.STATE_REGION) ? "" : ", the default")
                + "): the key is in "
                + arn.group(1)
                + ". Set stateKmsKeyId to a key (or a multi-Region replica) in "
                + region
                + ", or stateRegion to the bucket's region");
      }
    }
  }
}
