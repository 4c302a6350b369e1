package io.drstack.constructs;

import io.drstack.config.AlertingSettings;
import io.drstack.config.CanarySettings;
import io.drstack.config.RegionSettings;
import io.drstack.config.ServiceSettings;
import io.drstack.config.TableConsistency;
import io.drstack.config.TargetHealth;
import io.drstack.config.TrafficSettings;
import software.constructs.Construct;

/**
 * Everything the stack runs in one of its two regions: the region's key, the application, and the
 * alarms on both with their topic. The primary and the secondary are two sites of the same shape;
 * what tells them apart is in their {@link RegionSettings} and whether the site is the standby.
 * Resources are addressed {@code <site>-<piece>} ({@code primary-key}).
 */
public final class Site extends Construct implements Addresses.Prefix {

  /**
   * Inputs of the construct, made by {@link #primary} or {@link #standby}.
   *
   * @param region the site's region
   * @param settings what differs per region
   * @param peerRegion the other site's region, where the table replicates from here and whose
   *     heartbeats the canary reads
   * @param standby whether this is the warm standby, which also pages when traffic arrives
   * @param shared what both sites share
   */
  public record Props(
      Region region, RegionSettings settings, String peerRegion, boolean standby, Shared shared) {

    /** The site that serves traffic. */
    public static Props primary(
        Region region, RegionSettings settings, String peerRegion, Shared shared) {
      return new Props(region, settings, peerRegion, false, shared);
    }

    /** The warm standby. */
    public static Props standby(
        Region region, RegionSettings settings, String peerRegion, Shared shared) {
      return new Props(region, settings, peerRegion, true, shared);
    }
  }

  /**
   * What both sites share.
   *
   * @param service the application tier (instance type, port, deletion protection)
   * @param alerting who is paged, the replication alarm's threshold and the logs' retention
   * @param canary the data-tier canary's settings
   * @param tableConsistency the global table's, which names it and decides its alarms
   * @param preventDestroy Terraform refuses a plan that would destroy or replace a key
   * @param traffic the strategy (warm standby, or both sites serving) and the front door, which
   *     decides what the load balancers check on the instances ({@link TargetHealth#of})
   */
  public record Shared(
      ServiceSettings service,
      AlertingSettings alerting,
      CanarySettings canary,
      TableConsistency tableConsistency,
      boolean preventDestroy,
      TrafficSettings traffic) {}

  private final RegionalKey key;
  private final RegionalService service;
  private final AlarmTopic alarmTopic;
  private final RegionalAlarms alarms;

  public Site(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    Shared shared = props.shared();
    AlertingSettings alerting = shared.alerting();
    this.key = new RegionalKey(this, "key", new RegionalKey.Props(region, shared.preventDestroy()));
    String tableName = region.names().table(shared.tableConsistency());
    this.service =
        new RegionalService(
            this,
            "service",
            new RegionalService.Props(
                region,
                key,
                props.settings(),
                shared.service(),
                new DataTier(
                    TableReplica.in(region, tableName), props.peerRegion(), shared.canary()),
                TargetHealth.of(shared.traffic().frontDoor()),
                alerting.logRetentionDays()));
    this.alarmTopic =
        new AlarmTopic(this, "alarm-topic", new AlarmTopic.Props(region, key, alerting));
    this.alarms =
        new RegionalAlarms(
            this,
            "alarms",
            new RegionalAlarms.Props(
                alarmTopic,
                service,
                new RegionalAlarms.TableWatch(
                    tableName,
                    props.peerRegion(),
                    shared.tableConsistency(),
                    alerting.replicationLatencyThresholdMs()),
                props.standby(),
                shared.canary(),
                shared.traffic().strategy()));
  }

  public RegionalKey key() {
    return key;
  }

  public RegionalService service() {
    return service;
  }

  public AlarmTopic alarmTopic() {
    return alarmTopic;
  }

  public RegionalAlarms alarms() {
    return alarms;
  }

  public Region region() {
    return alarmTopic.region();
  }
}
