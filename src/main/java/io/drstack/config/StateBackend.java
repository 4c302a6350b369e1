package io.drstack.config;

import java.util.Optional;

/** Where Terraform keeps the stack's state. */
public sealed interface StateBackend {

  /** A state file on the machine that runs Terraform: fine for trying the stack out. */
  record Local(String path) implements StateBackend {
    /** Terraform runs in {@code cdktf.out/stacks/<stack>/}, three levels below the project root. */
    public static final String STACK_DIR_TO_PROJECT_ROOT = "../../../";
  }

  /** Shared, encrypted state with DynamoDB locking: what a team should use. */
  record S3(String bucket, String key, String region, String lockTable, Optional<String> kmsKeyId)
      implements StateBackend {}
}
