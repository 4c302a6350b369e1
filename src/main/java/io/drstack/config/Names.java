package io.drstack.config;

import java.util.Collections;
import java.util.LinkedHashSet;
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
   * The Region switch plan: {@code dr-arc-<suffix>}, as short as the load balancer's name, so that
   * it fits ARC's limit for every suffix the stack accepts.
   */
  public String regionSwitchPlan() {
    return issue(PREFIX + "arc-" + suffix, REGION_SWITCH_PLAN_NAME_LIMIT);
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
