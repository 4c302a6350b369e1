package io.drstack.constructs;

import io.drstack.config.DrConfig;
import io.drstack.config.RegionSettings;
import software.constructs.Construct;

/**
 * Everything the stack runs in one of its two regions: the region's key, the application, and the
 * alarms on both with their topic. The primary and the secondary are two sites of the same shape;
 * what tells them apart is in their {@link RegionSettings}. Resources are addressed {@code
 * <site>-<piece>} ({@code primary-key}), as before sites existed.
 */
public final class Site extends Construct implements Addresses.Prefix {

  /**
   * Inputs of the construct.
   *
   * @param region the site's region
   * @param settings what differs per region
   * @param replicatesTo the other site's region, where the table replicates from here and whose
   *     heartbeats the canary reads
   * @param config what both sites share
   */
  public record Props(
      Region region, RegionSettings settings, String replicatesTo, DrConfig config) {}

  private final RegionalKey key;
  private final RegionalService service;
  private final AlarmTopic alarmTopic;
  private final RegionalAlarms alarms;

  public Site(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    DrConfig config = props.config();
    this.key = new RegionalKey(this, "key", new RegionalKey.Props(region, config.preventDestroy()));
    String tableName = region.names().table(config.table().consistency());
    this.service =
        new RegionalService(
            this,
            "service",
            new RegionalService.Props(
                region,
                key,
                props.settings(),
                config.service(),
                new DataTier(
                    TableReplica.in(region, tableName), props.replicatesTo(), config.canary()),
                config.alerting().logRetentionDays()));
    this.alarmTopic =
        new AlarmTopic(this, "alarm-topic", new AlarmTopic.Props(region, key, config.alerting()));
    this.alarms =
        new RegionalAlarms(
            this,
            "alarms",
            new RegionalAlarms.Props(
                alarmTopic,
                service,
                tableName,
                props.replicatesTo(),
                region.name().equals(config.secondary().region()),
                config.table().consistency(),
                config.alerting().replicationLatencyThresholdMs(),
                config.canary()));
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
