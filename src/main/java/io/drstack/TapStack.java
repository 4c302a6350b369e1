package io.drstack;

import com.hashicorp.cdktf.Annotations;
import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformElement;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import io.drstack.config.DrConfig;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RegionSettings;
import io.drstack.config.StateBackend;
import io.drstack.constructs.Addresses;
import io.drstack.constructs.AlarmTopic;
import io.drstack.constructs.DnsFailover;
import io.drstack.constructs.EscapeHatch;
import io.drstack.constructs.GlobalTable;
import io.drstack.constructs.HealthCheckAlarms;
import io.drstack.constructs.Region;
import io.drstack.constructs.RegionalAlarms;
import io.drstack.constructs.RegionalKey;
import io.drstack.constructs.RegionalService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.constructs.Construct;
import software.constructs.IConstruct;
import software.constructs.Node;

/**
 * The whole disaster-recovery stack: read top to bottom, it is the architecture diagram. Values
 * cross regions only through {@link io.drstack.constructs.SsmHandOff}.
 */
public final class TapStack extends TerraformStack {
  private final Addresses addresses = new Addresses();

  public TapStack(Construct scope, DrConfig config) {
    super(scope, config.stackName());
    EscapeHatch.requireAwsProvider(this);
    useBackend(config);
    String suffix = config.environmentSuffix();

    Region primary = region("primary", config.primary().region(), config);
    Region secondary = region("secondary", config.secondary().region(), config);

    RegionalKey primaryKey =
        new RegionalKey(
            this, "primary-key", new RegionalKey.Props(primary, suffix, config.preventDestroy()));
    RegionalKey secondaryKey =
        new RegionalKey(
            this,
            "secondary-key",
            new RegionalKey.Props(secondary, suffix, config.preventDestroy()));

    GlobalTable table =
        new GlobalTable(
            this,
            "global-table",
            new GlobalTable.Props(
                new io.drstack.config.Names(suffix).of("table"),
                primary,
                primaryKey,
                secondaryKey.arnHandOff(),
                config.table(),
                config.preventDestroy()));

    RegionalService primaryService =
        new RegionalService(
            this, "primary-service", serviceProps(primary, primaryKey, config.primary(), config));
    RegionalService secondaryService =
        new RegionalService(
            this,
            "secondary-service",
            serviceProps(secondary, secondaryKey, config.secondary(), config));

    DnsFailover dns =
        new DnsFailover(
            this,
            "dns-failover",
            new DnsFailover.Props(
                primary,
                suffix,
                config.dns(),
                new DnsFailover.Endpoint(
                    primary.name(),
                    primaryService.loadBalancerDnsName(),
                    primaryService.loadBalancerZoneId(),
                    primaryService.https()),
                new DnsFailover.Endpoint(
                    secondary.name(),
                    secondaryService.dnsNameHandOff().value(),
                    secondaryService.zoneIdHandOff().value(),
                    secondaryService.https())));

    Optional<String> email = config.alerting().email();
    AlarmTopic primaryTopic =
        new AlarmTopic(
            this, "primary-alarm-topic", new AlarmTopic.Props(primary, primaryKey, suffix, email));
    AlarmTopic secondaryTopic =
        new AlarmTopic(
            this,
            "secondary-alarm-topic",
            new AlarmTopic.Props(secondary, secondaryKey, suffix, email));
    new RegionalAlarms(
        this,
        "primary-alarms",
        new RegionalAlarms.Props(
            primaryTopic,
            primaryService,
            suffix,
            table.name(),
            secondary.name(),
            config.alerting().replicationLatencyThresholdMs()));
    new RegionalAlarms(
        this,
        "secondary-alarms",
        new RegionalAlarms.Props(
            secondaryTopic,
            secondaryService,
            suffix,
            new io.drstack.config.Names(suffix).of("table"),
            primary.name(),
            config.alerting().replicationLatencyThresholdMs()));
    AlarmTopic healthCheckTopic =
        Stream.of(primaryTopic, secondaryTopic)
            .filter(topic -> topic.region().name().equals(HealthCheckAlarms.METRICS_REGION))
            .findFirst()
            .orElseGet(() -> healthCheckMetricsTopic(config));
    new HealthCheckAlarms(
        this,
        "health-check-alarms",
        new HealthCheckAlarms.Props(
            healthCheckTopic,
            suffix,
            Map.of(
                primary.name(), dns.primaryHealthCheckId(),
                secondary.name(), dns.secondaryHealthCheckId())));

    output("table_name", table.name(), "Name of the global table, the same in both regions");
    output("table_arn", table.arn(), "ARN of the global table in the primary region");
    output("primary_kms_key_arn", primaryKey.arn(), "Primary region's KMS key");
    output(
        "secondary_kms_key_arn",
        secondaryKey.arnHandOff().value(),
        "Secondary region's KMS key, as read from SSM");
    output(
        "ssm_parameters",
        List.of(
            primaryKey.arnHandOff().parameterName(),
            secondaryKey.arnHandOff().parameterName(),
            primaryService.dnsNameHandOff().parameterName(),
            primaryService.zoneIdHandOff().parameterName(),
            secondaryService.dnsNameHandOff().parameterName(),
            secondaryService.zoneIdHandOff().parameterName()),
        "SSM parameters that carry values between regions");
    output("failover_dns_name", dns.recordName(), "The name users resolve; it fails over");
    output("hosted_zone_id", dns.zoneId(), "Route 53 zone holding the failover records");
    output("primary_alb_dns_name", primaryService.loadBalancerDnsName(), "Primary load balancer");
    output(
        "secondary_alb_dns_name",
        secondaryService.dnsNameHandOff().value(),
        "Secondary load balancer, as read from SSM");
    output("primary_health_check_id", dns.primaryHealthCheckId(), "Health check of the primary");
    output(
        "secondary_health_check_id", dns.secondaryHealthCheckId(), "Health check of the secondary");
    output("primary_alarm_topic_arn", primaryTopic.arn(), "Alarm topic in the primary region");
    output(
        "secondary_alarm_topic_arn", secondaryTopic.arn(), "Alarm topic in the secondary region");
    output(
        "health_check_alarm_topic_arn",
        healthCheckTopic.arn(),
        "Alarm topic of the Route 53 health-check alarms (us-east-1)");

    // ConfigLoader already refused a configuration that misses its targets; show what it promises.
    RecoveryObjectives objectives = RecoveryObjectives.of(config);
    Annotations.of(this).addInfo(objectives.summary());
    output(
        "computed_rto_seconds",
        objectives.rtoSeconds(),
        "Worst-case automatic failover time computed from the settings (help/objectives.md)");
    output(
        "computed_rpo_seconds",
        objectives.rpoSeconds(),
        "Bound on replication lag while the ReplicationLatency alarm is OK (help/objectives.md)");
  }

  /**
   * When neither region is us-east-1, the health-check alarms still must live there: a third
   * provider with its own key and topic, and nothing else.
   */
  private AlarmTopic healthCheckMetricsTopic(DrConfig config) {
    Region metrics = region("route53-metrics", HealthCheckAlarms.METRICS_REGION, config);
    RegionalKey key =
        new RegionalKey(
            this,
            "route53-metrics-key",
            new RegionalKey.Props(metrics, config.environmentSuffix(), config.preventDestroy()));
    return new AlarmTopic(
        this,
        "route53-metrics-alarm-topic",
        new AlarmTopic.Props(metrics, key, config.environmentSuffix(), config.alerting().email()));
  }

  private static RegionalService.Props serviceProps(
      Region region, RegionalKey key, RegionSettings settings, DrConfig config) {
    return new RegionalService.Props(
        region,
        key,
        config.environmentSuffix(),
        settings,
        config.service(),
        config.alerting().logRetentionDays());
  }

  private Region region(String alias, String name, DrConfig config) {
    var provider =
        AwsProviderConfig.builder()
            .alias(alias)
            .region(name)
            .defaultTags(List.of(AwsProviderDefaultTags.builder().tags(config.tags()).build()));
    config.emulatorEndpoint().ifPresent(endpoint -> Emulator.configure(provider, endpoint));
    return new Region(
        this, "region-" + alias, name, new AwsProvider(this, "aws-" + alias, provider.build()));
  }

  private void useBackend(DrConfig config) {
    if (config.stateBackend() instanceof StateBackend.S3 s3) {
      var backend =
          S3BackendConfig.builder()
              .bucket(s3.bucket())
              .key(s3.key())
              .region(s3.region())
              .dynamodbTable(s3.lockTable())
              .encrypt(true);
      s3.kmsKeyId().ifPresent(backend::kmsKeyId);
      new S3Backend(this, backend.build());
    } else if (config.stateBackend() instanceof StateBackend.Local local) {
      new LocalBackend(this, LocalBackendConfig.builder().path(local.path()).build());
    }
  }

  /** Terraform addresses by the stack's rule ({@link Addresses}), not CDKTF's default. */
  @Override
  protected String allocateLogicalId(Object element) {
    Node node = element instanceof TerraformElement block ? block.getNode() : (Node) element;
    List<IConstruct> scopes = node.getScopes();
    return addresses.allocate(scopes.subList(scopes.indexOf(this) + 1, scopes.size()));
  }

  private void output(String id, Object value, String description) {
    new TerraformOutput(
        this, id, TerraformOutputConfig.builder().value(value).description(description).build());
  }
}
