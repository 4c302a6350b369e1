package io.drstack.config;

import java.util.Optional;

/** Where Terraform keeps the stack's state. */
public sealed interface StateBackend {

  /** A state file on the machine that runs Terraform: fine for trying the stack out. */
  record Local(String path) implements StateBackend {
    /** Terraform runs in {@code cdktf.out/stacks/<stack>/}, three levels below the project root. */
    public static final String STACK_DIR_TO_PROJECT_ROOT = "../../../";
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
      implements StateBackend {}
}
