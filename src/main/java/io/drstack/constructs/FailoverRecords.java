package io.drstack.constructs;

import com.hashicorp.cdktf.ITerraformDependable;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheckConfig;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordAlias;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordConfig;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordFailoverRoutingPolicy;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordLatencyRoutingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The PRIMARY and SECONDARY failover records of {@link DnsFailover}, each tied to a calculated
 * check that is healthy only while every one of its region's inputs is: the endpoint check and
 * whatever else the stack watches there (the failover switch, the data tier, ARC's check for a
 * Region switch plan). Built in the {@link DnsFailover}'s scope, whose addresses its records keep.
 *
 * <p>The public name only ever has these two failover records: Route 53 refuses a second routing
 * policy under one name and type. What the PRIMARY record answers with is a {@link PrimaryEntry};
 * changing it updates that record in place (same name, type and set identifier), so no move between
 * strategies or front doors leaves the name without an answer. The SECONDARY record never changes.
 *
 * <p>When both records are unhealthy (the table fails in both regions, say), Route 53 answers with
 * the primary: nothing flaps and nothing is blackholed.
 */
public final class FailoverRecords extends Construct implements Addresses.Transparent {

  /** What the PRIMARY record aliases. */
  public sealed interface PrimaryEntry {

    /**
     * The primary's load balancer, followed by the primary's calculated check: warm standby behind
     * DNS.
     */
    static PrimaryEntry loadBalancer(DnsFailover.Endpoint endpoint) {
      return new LoadBalancer(endpoint);
    }

    /**
     * Both regions' load balancers by latency ({@link DnsFailover#latencySetName()}), each latency
     * record following its own region's calculated check: active/active behind DNS. The PRIMARY
     * record has no check of its own and is healthy while either latency record is.
     */
    static PrimaryEntry latencySet() {
      return new LatencySet();
    }

    /**
     * A Global Accelerator, by its DNS name and hosted zone id, followed by the primary's
     * calculated check: the failover switch and the primary's data tier still move the name to the
     * SECONDARY record through Route 53's data plane.
     */
    static PrimaryEntry accelerator(String dnsName, String zoneId) {
      return new Accelerator(dnsName, zoneId);
    }

    /** See {@link #loadBalancer}. */
    record LoadBalancer(DnsFailover.Endpoint endpoint) implements PrimaryEntry {}

    /** See {@link #latencySet}. */
    record LatencySet() implements PrimaryEntry {}

    /** See {@link #accelerator}. */
    record Accelerator(String dnsName, String zoneId) implements PrimaryEntry {}
  }

  /**
   * Inputs of the construct.
   *
   * @param dns the zone, the endpoints and their endpoint checks
   * @param primaryEntry what the PRIMARY record aliases
   * @param primaryChecks the primary's other health inputs, by Route 53 health-check id
   * @param secondaryChecks the secondary's other health inputs
   */
  public record Props(
      DnsFailover dns,
      PrimaryEntry primaryEntry,
      List<String> primaryChecks,
      List<String> secondaryChecks) {
    public Props {
      primaryChecks = List.copyOf(primaryChecks);
      secondaryChecks = List.copyOf(secondaryChecks);
    }
  }

  private final String primaryHealthCheckId;
  private final String secondaryHealthCheckId;

  public FailoverRecords(DnsFailover scope, String id, Props props) {
    super(scope, id);
    DnsFailover dns = props.dns();
    this.primaryHealthCheckId =
        calculated("primary", dns, dns.primaryHealthCheckId(), props.primaryChecks());
    this.secondaryHealthCheckId =
        calculated("secondary", dns, dns.secondaryHealthCheckId(), props.secondaryChecks());
    PrimaryEntry entry = props.primaryEntry();
    if (entry instanceof PrimaryEntry.LoadBalancer loadBalancer) {
      failover("PRIMARY", dns, alias(loadBalancer.endpoint(), true), primaryHealthCheckId);
    } else if (entry instanceof PrimaryEntry.LatencySet) {
      List<ITerraformDependable> set =
          List.of(
              latency("primary", dns, dns.primary(), primaryHealthCheckId),
              latency("secondary", dns, dns.secondary(), secondaryHealthCheckId));
      // Route 53 refuses an alias to a name that has no record yet: the set comes first, and on
      // the way back the PRIMARY record moves off it before it is destroyed.
      Route53RecordConfig.Builder primary =
          failoverRecord("PRIMARY", dns, alias(dns.latencySetName(), dns.zoneId(), true));
      new Route53Record(this, "primary-record", primary.dependsOn(set).build());
    } else {
      // Sealed: the accelerator. Route 53 documents no target health for an accelerator (which
      // fails open anyway): the record's own check decides.
      PrimaryEntry.Accelerator accelerator = (PrimaryEntry.Accelerator) entry;
      failover(
          "PRIMARY",
          dns,
          alias(accelerator.dnsName(), accelerator.zoneId(), false),
          primaryHealthCheckId);
    }
    failover("SECONDARY", dns, alias(dns.secondary(), true), secondaryHealthCheckId);
  }

  /** All of the region's checks healthy, or the endpoint check alone when there is nothing else. */
  private String calculated(
      String role, DnsFailover dns, String endpointCheck, List<String> others) {
    if (others.isEmpty()) {
      return endpointCheck;
    }
    List<String> children = new ArrayList<>();
    children.add(endpointCheck);
    children.addAll(others);
    return new Route53HealthCheck(
            this,
            role + "-health",
            Route53HealthCheckConfig.builder()
                .provider(dns.dnsRegion().provider())
                .type("CALCULATED")
                .childHealthchecks(children)
                .childHealthThreshold(children.size())
                .tags(Map.of("Name", dns.dnsRegion().names().of(role + "-health")))
                .build())
        .getId();
  }

  private static Route53RecordAlias alias(DnsFailover.Endpoint endpoint, boolean evaluate) {
    return alias(endpoint.dnsName(), endpoint.zoneId(), evaluate);
  }

  private static Route53RecordAlias alias(String name, String zoneId, boolean evaluate) {
    return Route53RecordAlias.builder()
        .name(name)
        .zoneId(zoneId)
        .evaluateTargetHealth(evaluate)
        .build();
  }

  private void failover(String role, DnsFailover dns, Route53RecordAlias alias, String checkId) {
    new Route53Record(
        this,
        DnsFailover.roleId(role) + "-record",
        failoverRecord(role, dns, alias).healthCheckId(checkId).build());
  }

  /** A failover record of the public name; its set identifier never depends on its target. */
  private static Route53RecordConfig.Builder failoverRecord(
      String role, DnsFailover dns, Route53RecordAlias alias) {
    DnsFailover.Endpoint endpoint = role.equals("PRIMARY") ? dns.primary() : dns.secondary();
    return Route53RecordConfig.builder()
        .provider(dns.dnsRegion().provider())
        .zoneId(dns.zoneId())
        .name(dns.recordName())
        .type("A")
        .setIdentifier(DnsFailover.setIdentifier(role, endpoint))
        .failoverRoutingPolicy(Route53RecordFailoverRoutingPolicy.builder().type(role).build())
        .alias(alias);
  }

  /** One region's record in the latency set, healthy while its load balancer and check are. */
  private Route53Record latency(
      String role, DnsFailover dns, DnsFailover.Endpoint endpoint, String checkId) {
    return new Route53Record(
        this,
        role + "-latency-record",
        Route53RecordConfig.builder()
            .provider(dns.dnsRegion().provider())
            .zoneId(dns.zoneId())
            .name(dns.latencySetName())
            .type("A")
            .setIdentifier(DnsFailover.latencySetIdentifier(endpoint))
            .latencyRoutingPolicy(
                Route53RecordLatencyRoutingPolicy.builder().region(endpoint.region()).build())
            .healthCheckId(checkId)
            .alias(alias(endpoint, true))
            .build());
  }

  /** The check the PRIMARY record follows (with a latency set, the primary's latency record). */
  public String primaryHealthCheckId() {
    return primaryHealthCheckId;
  }

  /** The check the SECONDARY record follows (and the secondary's latency record). */
  public String secondaryHealthCheckId() {
    return secondaryHealthCheckId;
  }
}
