package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheck;
import com.hashicorp.cdktf.providers.aws.route53_health_check.Route53HealthCheckConfig;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53Record;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordAlias;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordConfig;
import com.hashicorp.cdktf.providers.aws.route53_record.Route53RecordFailoverRoutingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.constructs.Construct;

/**
 * The PRIMARY and SECONDARY failover records of {@link DnsFailover}, each tied to a calculated
 * check that is healthy only while every one of its region's inputs is: the endpoint check and
 * whatever else the stack watches there (the failover switch, the data tier, ARC's check for a
 * Region switch plan). Built in the {@link DnsFailover}'s scope, whose addresses its records keep.
 *
 * <p>When both records are unhealthy (the table fails in both regions, say), Route 53 answers with
 * the primary: nothing flaps and nothing is blackholed.
 */
public final class FailoverRecords extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param dns the zone, the endpoints and their endpoint checks
   * @param primaryChecks the primary's other health inputs, by Route 53 health-check id
   * @param secondaryChecks the secondary's other health inputs
   */
  public record Props(DnsFailover dns, List<String> primaryChecks, List<String> secondaryChecks) {
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
    record("PRIMARY", dns, dns.primary(), primaryHealthCheckId);
    record("SECONDARY", dns, dns.secondary(), secondaryHealthCheckId);
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

  private void record(
      String failover, DnsFailover dns, DnsFailover.Endpoint endpoint, String checkId) {
    new Route53Record(
        this,
        failover.toLowerCase(Locale.ROOT) + "-record",
        Route53RecordConfig.builder()
            .provider(dns.dnsRegion().provider())
            .zoneId(dns.zoneId())
            .name(dns.recordName())
            .type("A")
            .setIdentifier(DnsFailover.setIdentifier(failover, endpoint))
            .failoverRoutingPolicy(
                Route53RecordFailoverRoutingPolicy.builder().type(failover).build())
            .healthCheckId(checkId)
            .alias(
                Route53RecordAlias.builder()
                    .name(endpoint.dnsName())
                    .zoneId(endpoint.zoneId())
                    .evaluateTargetHealth(true)
                    .build())
            .build());
  }

  /** The check the PRIMARY record follows. */
  public String primaryHealthCheckId() {
    return primaryHealthCheckId;
  }

  /** The check the SECONDARY record follows. */
  public String secondaryHealthCheckId() {
    return secondaryHealthCheckId;
  }
}
