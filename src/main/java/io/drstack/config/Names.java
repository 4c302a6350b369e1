package io.drstack.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every name the stack gives AWS, made by one rule: {@code dr-<what>-<suffix>}, with the region
 * before the suffix where a name must differ between the stack's regions. Names are identity to AWS
 * (a renamed table, load balancer or role is a new one), so no construct builds a name itself; the
 * stack-wide test checks that every name in the synthesized JSON was issued here.
 */
public final class Names {

  /** AWS's limit on the names of Application Load Balancers and target groups. */
  public static final int LOAD_BALANCER_NAME_LIMIT = 32;

  /** ARC's limit on the names of Region switch plans. */
  public static final int REGION_SWITCH_PLAN_NAME_LIMIT = 32;

  /** Global Accelerator's limit on accelerator names (letters, digits and hyphens). */
  public static final int ACCELERATOR_NAME_LIMIT = 64;

  /** IAM's limit on role names, the shortest limit of the other names. */
  public static final int ROLE_NAME_LIMIT = 64;

  private static final String PREFIX = "dr-";

  /**
   * The longest suffix with which every name fits its limit: the load balancer's is the tightest.
   */
  public static final int MAX_SUFFIX_LENGTH = LOAD_BALANCER_NAME_LIMIT - (PREFIX + "alb-").length();

  private final String suffix;
  private final Set<String> issued = new LinkedHashSet<>();

  public Names(String suffix) {
    this.suffix = suffix;
  }

  /** The stack's name, and its directory under {@code cdktf.out/stacks/}. */
  public String stack() {
    return "TapStack" + suffix;
  }

  /** {@code dr-<what>-<suffix>}: unique within one region of the account. */
  public String of(String what) {
    return issue(PREFIX + what + "-" + suffix, ROLE_NAME_LIMIT);
  }

  /**
   * The global table's name, the same in every region. A consistency mode is fixed when a table is
   * created, so each mode has its own name: a plan can tell a table of the other mode by it.
   */
  public String table(TableConsistency consistency) {
    return consistency == TableConsistency.EVENTUAL ? of("table") : of("table-strong");
  }

  /**
   * {@code dr-<what>-<region>-<suffix>}: for names that IAM holds account-wide, and for alarms,
   * whose names say where they fire.
   */
  public String of(String what, String region) {
    return issue(PREFIX + what + "-" + region + "-" + suffix, ROLE_NAME_LIMIT);
  }

  /** {@code dr-<suffix>-<what>}: the {@code Name} tag of network resources. */
  public String tag(String what) {
    return issue(PREFIX + suffix + "-" + what, ROLE_NAME_LIMIT);
  }

  /** {@code /dr/<suffix>/<segment>/...}: log groups and SSM parameters. */
  public String path(String... segments) {
    return issue("/dr/" + suffix + "/" + String.join("/", segments), 512);
  }

  /** The KMS key alias, the same in every region. */
  public String keyAlias() {
    return issue("alias/" + PREFIX + "stack-" + suffix, 256);
  }

  public String loadBalancer() {
    return issue(PREFIX + "alb-" + suffix, LOAD_BALANCER_NAME_LIMIT);
  }

  /**
   * Characters of the Region switch plan's name that follow from the arguments a change of which
   * replaces the plan: {@code dr-<suffix>-} leaves three within ARC's 32 for the longest suffix.
   */
  public static final int REGION_SWITCH_PLAN_DIGEST_LENGTH =
      REGION_SWITCH_PLAN_NAME_LIMIT - (PREFIX + "-").length() - MAX_SUFFIX_LENGTH;

  /**
   * The Region switch plan: {@code dr-<suffix>-<digest>}, where the digest (three base-36
   * characters) follows from {@code replacedBy}, the values of the plan's arguments whose change
   * replaces it (its recovery approach and regions). ARC holds a plan's name unique in the account,
   * and the plan is created before the one it replaces is destroyed: a replacement therefore needs
   * a new name, and gets one. Within ARC's 32 characters for every accepted suffix.
   */
  public String regionSwitchPlan(List<String> replacedBy) {
    return issue(
        PREFIX + suffix + "-" + digest(replacedBy, REGION_SWITCH_PLAN_DIGEST_LENGTH),
        REGION_SWITCH_PLAN_NAME_LIMIT);
  }

  /** {@code length} lowercase base-36 characters of the SHA-256 of {@code values}, one a line. */
  static String digest(List<String> values, int length) {
    byte[] hash;
    try {
      hash =
          MessageDigest.getInstance("SHA-256")
              .digest(String.join("\n", values).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    long bound = 1;
    for (int i = 0; i < length; i++) {
      bound *= Character.MAX_RADIX;
    }
    long value = Long.remainderUnsigned(ByteBuffer.wrap(hash).getLong(), bound);
    String text = Long.toString(value, Character.MAX_RADIX);
    return "0".repeat(length - text.length()) + text;
  }

  /** The Global Accelerator, one per stack. */
  public String accelerator() {
    return issue(PREFIX + "accelerator-" + suffix, ACCELERATOR_NAME_LIMIT);
  }

  public String targetGroup() {
    return issue(PREFIX + "tg-" + suffix, LOAD_BALANCER_NAME_LIMIT);
  }

  /**
   * S3's limit on {@code bucket_prefix}: the provider appends a 26-character unique id to reach
   * S3's 63.
   */
  public static final int BUCKET_PREFIX_LIMIT = 37;

  /**
   * {@code dr-<what>-<suffix>-}: the {@code bucket_prefix} of an S3 bucket. Bucket names are unique
   * across all of AWS, so no name the stack chooses can be relied on; the provider completes the
   * prefix with a unique id. With the longest suffix, {@code what} has 7 characters.
   */
  public String bucketPrefix(String what) {
    return issue(PREFIX + what + "-" + suffix + "-", BUCKET_PREFIX_LIMIT);
  }

  /** How descriptions and display names refer to this stack: {@code DR stack <suffix>}. */
  public String label() {
    return "DR stack " + suffix;
  }

  /** Every name issued so far, in order. */
  public Set<String> issued() {
    return Collections.unmodifiableSet(issued);
  }

  private String issue(String name, int limit) {
    if (name.length() > limit) {
      // The suffix is validated against MAX_SUFFIX_LENGTH; this is a new name that breaks it.
      throw new IllegalStateException(
          "the name " + name + " is longer than AWS's limit of " + limit + " characters");
    }
    issued.add(name);
    return name;
  }
}
