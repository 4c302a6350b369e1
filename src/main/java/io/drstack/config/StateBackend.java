package io.drstack.config;

import java.util.Optional;

/** Where Terraform keeps the stack's state. */
public sealed interface StateBackend {

  /** A state file on the machine that runs Terraform: fine for trying the stack out. */
  record Local(String path) implements StateBackend {}

  /** Shared, encrypted state with DynamoDB locking: what a team should use. */
  record S3(String bucket, String key, String region, String lockTable, Optional<String> kmsKeyId)
      implements StateBackend {}
}
