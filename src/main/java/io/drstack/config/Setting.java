package io.drstack.config;

/**
 * Every configuration setting: its key in {@code cdktf.json} {@code context} and the environment
 * variable that overrides it. {@code help/configuration.md} documents each one.
 */
public enum Setting {
  ENVIRONMENT_SUFFIX(null, "ENVIRONMENT_SUFFIX"),
  PRIMARY_REGION("primaryRegion", "DR_PRIMARY_REGION"),
  SECONDARY_REGION("secondaryRegion", "DR_SECONDARY_REGION"),
  PRIMARY_VPC_CIDR("primaryVpcCidr", "DR_PRIMARY_VPC_CIDR"),
  SECONDARY_VPC_CIDR("secondaryVpcCidr", "DR_SECONDARY_VPC_CIDR"),
  PRIMARY_ZONES("primaryZones", "DR_PRIMARY_ZONES"),
  SECONDARY_ZONES("secondaryZones", "DR_SECONDARY_ZONES"),
  PRIMARY_AMI_ID("primaryAmiId", "DR_PRIMARY_AMI_ID"),
  SECONDARY_AMI_ID("secondaryAmiId", "DR_SECONDARY_AMI_ID"),
  PRIMARY_MIN_CAPACITY("primaryMinCapacity", "DR_PRIMARY_MIN_CAPACITY"),
  PRIMARY_DESIRED_CAPACITY("primaryDesiredCapacity", "DR_PRIMARY_DESIRED_CAPACITY"),
  PRIMARY_MAX_CAPACITY("primaryMaxCapacity", "DR_PRIMARY_MAX_CAPACITY"),
  SECONDARY_MIN_CAPACITY("secondaryMinCapacity", "DR_SECONDARY_MIN_CAPACITY"),
  SECONDARY_DESIRED_CAPACITY("secondaryDesiredCapacity", "DR_SECONDARY_DESIRED_CAPACITY"),
  SECONDARY_MAX_CAPACITY("secondaryMaxCapacity", "DR_SECONDARY_MAX_CAPACITY"),
  PRIMARY_CERTIFICATE_ARN("primaryCertificateArn", "DR_PRIMARY_CERTIFICATE_ARN"),
  SECONDARY_CERTIFICATE_ARN("secondaryCertificateArn", "DR_SECONDARY_CERTIFICATE_ARN"),
  INSTANCE_TYPE("instanceType", "DR_INSTANCE_TYPE"),
  APP_PORT("appPort", "DR_APP_PORT"),
  ALB_DELETION_PROTECTION("albDeletionProtection", "DR_ALB_DELETION_PROTECTION"),
  TABLE_DELETION_PROTECTION("tableDeletionProtection", "DR_TABLE_DELETION_PROTECTION"),
  TABLE_TTL_ATTRIBUTE("tableTtlAttribute", "DR_TABLE_TTL_ATTRIBUTE"),
  PREVENT_DESTROY("preventDestroy", "DR_PREVENT_DESTROY"),
  HOSTED_ZONE_ID("hostedZoneId", "DR_HOSTED_ZONE_ID"),
  ZONE_NAME("zoneName", "DR_ZONE_NAME"),
  RECORD_NAME("recordName", "DR_RECORD_NAME"),
  HEALTH_CHECK_INTERVAL("healthCheckIntervalSeconds", "DR_HEALTH_CHECK_INTERVAL_SECONDS"),
  HEALTH_CHECK_FAILURE_THRESHOLD(
      "healthCheckFailureThreshold", "DR_HEALTH_CHECK_FAILURE_THRESHOLD"),
  ALARM_EMAIL("alarmEmail", "DR_ALARM_EMAIL"),
  REPLICATION_LATENCY_THRESHOLD_MS(
      "replicationLatencyThresholdMs", "DR_REPLICATION_LATENCY_THRESHOLD_MS"),
  LOG_RETENTION_DAYS("logRetentionDays", "DR_LOG_RETENTION_DAYS"),
  TAGS("tags", "DR_TAGS"),
  STATE_BACKEND("stateBackend", "DR_STATE_BACKEND"),
  LOCAL_STATE_PATH("localStatePath", "DR_LOCAL_STATE_PATH"),
  STATE_BUCKET("stateBucket", "DR_STATE_BUCKET"),
  STATE_KEY("stateKey", "DR_STATE_KEY"),
  STATE_REGION("stateRegion", "DR_STATE_REGION"),
  STATE_LOCK_TABLE("stateLockTable", "DR_STATE_LOCK_TABLE"),
  STATE_KMS_KEY_ID("stateKmsKeyId", "DR_STATE_KMS_KEY_ID"),
  TARGET_RTO_SECONDS("targetRtoSeconds", "DR_TARGET_RTO_SECONDS"),
  TARGET_RPO_SECONDS("targetRpoSeconds", "DR_TARGET_RPO_SECONDS"),
  EMULATOR_ENDPOINT("emulatorEndpoint", "DR_EMULATOR_ENDPOINT");

  private final String contextKey;
  private final String envVar;

  Setting(String contextKey, String envVar) {
    this.contextKey = contextKey;
    this.envVar = envVar;
  }

  /** Key in {@code cdktf.json} {@code context}, or {@code null} for environment-only settings. */
  public String contextKey() {
    return contextKey;
  }

  public String envVar() {
    return envVar;
  }

  /** How an error message names the setting, so the user knows both places to fix it. */
  public String label() {
    return contextKey == null
        ? envVar
        : contextKey + " (cdktf.json context \"" + contextKey + "\" or env " + envVar + ")";
  }
}
