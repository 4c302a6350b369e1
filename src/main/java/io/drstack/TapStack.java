package io.drstack;

import com.hashicorp.cdktf.Annotations;
import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformElement;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.aws.provider.AwsProvider;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderConfig;
import com.hashicorp.cdktf.providers.aws.provider.AwsProviderDefaultTags;
import io.drstack.config.DrConfig;
import io.drstack.config.Names;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.StateBackend;
import io.drstack.constructs.Accelerator;
import io.drstack.constructs.Addresses;
import io.drstack.constructs.AlarmTopic;
import io.drstack.constructs.DataTierHealth;
import io.drstack.constructs.DnsFailover;
import io.drstack.constructs.EscapeHatch;
import io.drstack.constructs.FailoverRecords;
import io.drstack.constructs.FailoverSwitch;
import io.drstack.constructs.GlobalTable;
import io.drstack.constructs.HealthCheckAlarms;
import io.drstack.constructs.Region;
import io.drstack.constructs.RegionSwitchPlan;
import io.drstack.constructs.RegionalKey;
import io.drstack.constructs.Rehearsal;
import io.drstack.constructs.Site;
import java.util.ArrayList;
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
  private final Names names;

  /**
   * The stack of {@code config}, naming every resource through {@code names} (which records each
   * name it issues).
   */
  public TapStack(Construct scope, DrConfig config, Names names) {
    super(scope, config.stackName());
    this.names = names;
    EscapeHatch.requireAwsProvider(this);
    useBackend(config);
    Region primaryRegion = region("primary", config.primary().region(), config);
    Region secondaryRegion = region("secondary", config.secondary().region(), config);

    Site.Shared shared =
        new Site.Shared(
            config.service(),
            config.alerting(),
            config.canary(),
            config.table().consistency(),
            config.preventDestroy(),
            config.traffic());
    Site primary =
        new Site(
            this,
            "primary",
            Site.Props.primary(primaryRegion, config.primary(), secondaryRegion.name(), shared));
    Site secondary =
        new Site(
            this,
            "secondary",
            Site.Props.standby(secondaryRegion, config.secondary(), primaryRegion.name(), shared));
    Optional<Accelerator> accelerator =
        config.traffic().accelerator()
            ? Optional.of(
                new Accelerator(
                    this,
                    "accelerator",
                    new Accelerator.Props(
                        Accelerator.Endpoint.of(primary),
                        Accelerator.Endpoint.of(secondary),
                        config.traffic().strategy())))
            : Optional.empty();

    GlobalTable table =
        new GlobalTable(
            this,
            "global-table",
            new GlobalTable.Props(
                primaryRegion,
                primary.key(),
                secondary.key().arnHandOff(),
                config.table(),
                config.preventDestroy()));

    DnsFailover dns =
        new DnsFailover(
            this,
            "dns-failover",
            new DnsFailover.Props(
                primaryRegion,
                config.dns(),
                new DnsFailover.Endpoint(
                    primaryRegion.name(),
                    primary.service().loadBalancerDnsName(),
                    primary.service().loadBalancerZoneId(),
                    primary.service().https()),
                new DnsFailover.Endpoint(
                    secondaryRegion.name(),
                    secondary.service().dnsNameHandOff().value(),
                    secondary.service().zoneIdHandOff().value(),
                    secondary.service().https())));

    AlarmTopic healthCheckTopic =
        Stream.of(primary, secondary)
            .map(Site::alarmTopic)
            .filter(topic -> topic.region().name().equals(HealthCheckAlarms.METRICS_REGION))
            .findFirst()
            .orElseGet(() -> healthCheckMetricsTopic(config));
    HealthCheckAlarms healthCheckAlarms =
        new HealthCheckAlarms(
            this,
            "health-check-alarms",
            new HealthCheckAlarms.Props(
                healthCheckTopic,
                Map.of(
                    primaryRegion.name(), dns.primaryHealthCheckId(),
                    secondaryRegion.name(), dns.secondaryHealthCheckId())));

    config.warnings().forEach(Annotations.of(this)::addWarning);
    if (config.alerting().nobodyPaged()) {
      Annotations.of(this)
          .addWarning(AlarmTopic.NOBODY_PAGED + " A plan of this stack fails until then.");
    }
    // ConfigLoader already refused a configuration that misses its targets; show what it promises.
    RecoveryObjectives objectives = RecoveryObjectives.of(config);
    Annotations.of(this).addInfo(objectives.summary());
    Rehearsal rehearsal =
        new Rehearsal(
            this,
            "rehearsal",
            new Rehearsal.Props(
                primary,
                secondary,
                new Rehearsal.Traffic(dns, healthCheckAlarms),
                objectives,
                config.alerting().logRetentionDays(),
                config.rehearsal(),
                config.traffic(),
                List.of(config.primary().capacity(), config.secondary().capacity())));

    FailoverSwitch failoverSwitch =
        new FailoverSwitch(
            this,
            "failover-switch",
            new FailoverSwitch.Props(
                config.dns().failoverSwitchRegion().equals(secondaryRegion.name())
                    ? secondaryRegion
                    : region("failover-switch", config.dns().failoverSwitchRegion(), config),
                primaryRegion,
                config.traffic().strategy()));
    String tableName = names.table(config.table().consistency());
    DataTierHealth primaryData =
        new DataTierHealth(
            this,
            "primary-data-tier",
            new DataTierHealth.Props(primary.alarmTopic(), primaryRegion, tableName));
    DataTierHealth secondaryData =
        new DataTierHealth(
            this,
            "secondary-data-tier",
            new DataTierHealth.Props(secondary.alarmTopic(), primaryRegion, tableName));
    List<String> primaryChecks = new ArrayList<>();
    primaryChecks.add(failoverSwitch.healthCheckId());
    primaryChecks.add(primaryData.healthCheckId());
    rehearsal.plan().ifPresent(plan -> primaryChecks.add(plan.primaryHealthCheckId()));
    List<String> secondaryChecks = new ArrayList<>();
    secondaryChecks.add(secondaryData.healthCheckId());
    // Active/active: the plan can take either region out, each through its own ARC check.
    rehearsal
        .plan()
        .flatMap(RegionSwitchPlan::secondaryHealthCheckId)
        .ifPresent(secondaryChecks::add);
    FailoverRecords records =
        new FailoverRecords(
            dns,
            "records",
            new FailoverRecords.Props(
                dns, primaryEntry(config, dns, accelerator), primaryChecks, secondaryChecks));

    new Outputs(
        this,
        "outputs",
        new Outputs.Props(
            table,
            primary,
            secondary,
            new Outputs.Failover(
                dns,
                records,
                failoverSwitch,
                healthCheckTopic,
                accelerator,
                config.traffic().strategy()),
            rehearsal,
            objectives));
  }

  /**
   * Where users enter: the accelerator when there is one, else both regions' latency set with
   * activeActive, else the primary's load balancer.
   */
  private static FailoverRecords.PrimaryEntry primaryEntry(
      DrConfig config, DnsFailover dns, Optional<Accelerator> accelerator) {
    if (accelerator.isPresent()) {
      return FailoverRecords.PrimaryEntry.accelerator(
          accelerator.get().dnsName(), Accelerator.HOSTED_ZONE_ID);
    }
    return config.traffic().activeActive()
        ? FailoverRecords.PrimaryEntry.latencySet()
        : FailoverRecords.PrimaryEntry.loadBalancer(dns.primary());
  }

  /**
   * When neither region is us-east-1, the health-check alarms still must live there: a third
   * provider with its own key and topic, and nothing else.
   */
  private AlarmTopic healthCheckMetricsTopic(DrConfig config) {
    Region metrics = region("route53-metrics", HealthCheckAlarms.METRICS_REGION, config);
    RegionalKey key =
        new RegionalKey(
            this, "route53-metrics-key", new RegionalKey.Props(metrics, config.preventDestroy()));
    return new AlarmTopic(
        this, "route53-metrics-alarm-topic", new AlarmTopic.Props(metrics, key, config.alerting()));
  }

  private Region region(String alias, String name, DrConfig config) {
    var provider =
        AwsProviderConfig.builder()
            .alias(alias)
            .region(name)
            .defaultTags(List.of(AwsProviderDefaultTags.builder().tags(config.tags()).build()));
    config.expectedAccountId().ifPresent(account -> provider.allowedAccountIds(List.of(account)));
    config.emulatorEndpoint().ifPresent(endpoint -> Emulator.configure(provider, endpoint));
    return new Region(
        this,
        "region-" + alias,
        name,
        new AwsProvider(this, "aws-" + alias, provider.build()),
        names);
  }

  private void useBackend(DrConfig config) {
    if (config.stateBackend() instanceof StateBackend.S3 s3) {
      var backend =
          S3BackendConfig.builder()
              .bucket(s3.bucket())
              .key(s3.key())
              .region(s3.region())
              .encrypt(true);
      s3.lockTable().ifPresent(backend::dynamodbTable);
      s3.kmsKeyId().ifPresent(backend::kmsKeyId);
      var s3Backend = new S3Backend(this, backend.build());
      EscapeHatch.lockWithLockFile(this, s3Backend);
      config.emulatorEndpoint().ifPresent(endpoint -> Emulator.configure(s3Backend, endpoint));
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
}
