package io.drstack.constructs;

import com.hashicorp.cdktf.Annotations;
import com.hashicorp.cdktf.Precondition;
import com.hashicorp.cdktf.TerraformLocal;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheckConfig;
import com.hashicorp.cdktf.providers.aws.route53_zone.Route53Zone;
import com.hashicorp.cdktf.providers.aws.route53_zone.Route53ZoneConfig;
import io.drstack.config.DnsSettings;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.constructs.Construct;

/**
 * Route 53 failover: the zone, one health check per region probing its load balancer's {@code
 * /health}, and (through {@link FailoverRecords}, built once every health input exists) a PRIMARY
 * and a SECONDARY alias record. Route 53 is global; its resources use the primary region's
 * provider. The secondary endpoint arrives through SSM.
 *
 * <p>Alias records rather than CNAMEs: they answer with the load balancer's addresses directly (no
 * second lookup), cost nothing per query, work at a zone apex, and inherit the load balancer's 60 s
 * TTL, which is what a CNAME would be given anyway.
 */
public final class DnsFailover extends Construct {

  /**
   * Where a region's traffic goes.
   *
   * @param region the region serving behind this endpoint
   * @param dnsName the load balancer's DNS name, usable in the DNS region
   * @param zoneId the load balancer's hosted zone id, usable in the DNS region
   * @param https whether the load balancer serves HTTPS
   */
  public record Endpoint(String region, String dnsName, String zoneId, boolean https) {}

  /**
   * Inputs of the construct.
   *
   * @param dnsRegion the region whose provider manages Route 53 (the primary)
   */
  public record Props(
      Region dnsRegion, DnsSettings settings, Endpoint primary, Endpoint secondary) {}

  private final Optional<Route53Zone> createdZone;
  private final String zoneId;
  private final String recordName;
  private final String latencySetName;
  private final Route53HealthCheck primaryCheck;
  private final Region dnsRegion;
  private final Endpoint primary;
  private final Endpoint secondary;
  private final Route53HealthCheck secondaryCheck;

  public DnsFailover(Construct scope, String id, Props props) {
    super(scope, id);
    DnsSettings settings = props.settings();
    this.createdZone =
        settings.hostedZoneId().isPresent() ? Optional.empty() : Optional.of(createZone(props));
    this.zoneId = settings.hostedZoneId().orElseGet(() -> createdZone.get().getZoneId());
    this.recordName = settings.recordName();
    this.latencySetName = settings.latencySetName();
    this.dnsRegion = props.dnsRegion();
    this.primary = props.primary();
    this.secondary = props.secondary();
    this.primaryCheck = healthCheck("primary", props, props.primary());
    this.secondaryCheck = healthCheck("secondary", props, props.secondary());
  }

  private Route53Zone createZone(Props props) {
    DnsSettings settings = props.settings();
    var zone =
        Route53ZoneConfig.builder()
            .provider(props.dnsRegion().provider())
            .name(settings.zoneName())
            .comment(props.dnsRegion().names().label());
    if (settings.placeholderZone()) {
      zone.lifecycle(placeholderGuard(settings));
    }
    return new Route53Zone(this, "zone", zone.build());
  }

  /**
   * For a placeholder zone name, a precondition that fails every plan: {@code cdktf deploy} stops
   * before it creates anything, instead of failing at the zone halfway through. Synth still works
   * and warns.
   */
  private TerraformResourceLifecycle placeholderGuard(DnsSettings settings) {
    String problem =
        "The hosted zone name "
            + settings.zoneName()
            + " is a placeholder: Route 53 refuses example.com and its subdomains, and reserved"
            + " names can never be delegated. Set zoneName (cdktf.json context \"zoneName\" or"
            + " env DR_ZONE_NAME) to a domain you control, or use an existing zone with"
            + " hostedZoneId (env DR_HOSTED_ZONE_ID) and recordName. See"
            + " help/configuration.md.";
    Annotations.of(this).addWarning(problem + " A plan of this stack fails until then.");
    // A precondition must refer to something: the local says what is wrong, by name.
    var placeholder = new TerraformLocal(this, "zone_name_is_placeholder", true);
    return TerraformResourceLifecycle.builder()
        .precondition(
            List.of(
                Precondition.builder()
                    .condition("${!" + placeholder.getFqn() + "}")
                    .errorMessage(problem)
                    .build()))
        .build();
  }

  private Route53HealthCheck healthCheck(String role, Props props, Endpoint endpoint) {
    return new Route53HealthCheck(
        this,
        role + "-health-check",
        Route53HealthCheckConfig.builder()
            .provider(props.dnsRegion().provider())
            .type(endpoint.https() ? "HTTPS" : "HTTP")
            .fqdn(endpoint.dnsName())
            .port(endpoint.https() ? 443 : 80)
            .resourcePath(RegionalService.HEALTH_PATH)
            .requestInterval(props.settings().healthCheckIntervalSeconds())
            .failureThreshold(props.settings().healthCheckFailureThreshold())
            .measureLatency(true)
            .tags(Map.of("Name", props.dnsRegion().names().of(role)))
            .build());
  }

  /** {@code primary-<region>}: tells the two failover records of one name apart. */
  static String setIdentifier(String failover, Endpoint endpoint) {
    return roleId(failover) + "-" + endpoint.region();
  }

  /** {@code primary} for {@code PRIMARY}: the records' ids and set identifiers. */
  static String roleId(String failover) {
    return failover.toLowerCase(Locale.ROOT);
  }

  /** The region itself: tells the latency records of {@link #latencySetName()} apart. */
  static String latencySetIdentifier(Endpoint endpoint) {
    return endpoint.region();
  }

  /**
   * The name of the latency set the PRIMARY record aliases under {@code activeActive} behind DNS:
   * {@code active.<recordName>}, in the same zone.
   */
  public String latencySetName() {
    return latencySetName;
  }

  public String primaryRecordSetIdentifier() {
    return setIdentifier("PRIMARY", primary);
  }

  public String secondaryRecordSetIdentifier() {
    return setIdentifier("SECONDARY", secondary);
  }

  /** The region whose provider manages Route 53. */
  public Region dnsRegion() {
    return dnsRegion;
  }

  public Endpoint primary() {
    return primary;
  }

  public Endpoint secondary() {
    return secondary;
  }

  /** The name users resolve. */
  public String recordName() {
    return recordName;
  }

  public String zoneId() {
    return zoneId;
  }

  /** The name servers of the zone the stack created; none for an existing zone. */
  public Optional<List<String>> createdZoneNameServers() {
    return createdZone.map(Route53Zone::getNameServers);
  }

  public String primaryHealthCheckId() {
    return primaryCheck.getId();
  }

  public String secondaryHealthCheckId() {
    return secondaryCheck.getId();
  }
}
