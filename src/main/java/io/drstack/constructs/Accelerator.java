package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.globalaccelerator_accelerator.GlobalacceleratorAccelerator;
import com.hashicorp.cdktf.providers.aws.globalaccelerator_accelerator.GlobalacceleratorAcceleratorAttributes;
import com.hashicorp.cdktf.providers.aws.globalaccelerator_accelerator.GlobalacceleratorAcceleratorConfig;
import com.hashicorp.cdktf.providers.aws.globalaccelerator_endpoint_group.GlobalacceleratorEndpointGroup;
import com.hashicorp.cdktf.providers.aws.globalaccelerator_endpoint_group.GlobalacceleratorEndpointGroupConfig;
import com.hashicorp.cdktf.providers.aws.globalaccelerator_endpoint_group.GlobalacceleratorEndpointGroupEndpointConfiguration;
import com.hashicorp.cdktf.providers.aws.globalaccelerator_listener.GlobalacceleratorListener;
import com.hashicorp.cdktf.providers.aws.globalaccelerator_listener.GlobalacceleratorListenerConfig;
import com.hashicorp.cdktf.providers.aws.globalaccelerator_listener.GlobalacceleratorListenerPortRange;
import io.drstack.config.Strategy;
import java.util.List;
import software.constructs.Construct;

/**
 * The Global Accelerator front door: two static anycast addresses before both regions' load
 * balancers, one endpoint group per region. The accelerator follows each load balancer's target
 * health and moves new connections to the other region's group without any DNS cache to wait for.
 * Its resources use the primary's provider; the provider calls Global Accelerator's API in
 * us-west-2 whatever its region. The secondary's load balancer ARN reaches them through an SSM
 * hand-off published in the secondary region.
 */
public final class Accelerator extends Construct {

  /**
   * A region's load balancer behind the accelerator.
   *
   * @param region the load balancer's region
   * @param loadBalancerArn its ARN, as a resource of {@code region} refers to it
   * @param https whether it serves HTTPS on 443 (and redirects 80)
   */
  public record Endpoint(Region region, String loadBalancerArn, boolean https) {

    /** The load balancer of {@code site}. */
    public static Endpoint of(Site site) {
      return new Endpoint(site.region(), site.service().loadBalancerArn(), site.service().https());
    }
  }

  /**
   * Inputs of the construct.
   *
   * @param primary the primary's load balancer; the accelerator's resources use its provider
   * @param secondary the secondary's load balancer
   * @param strategy warm standby (the secondary's group takes traffic only when the primary's has
   *     no healthy endpoint) or active/active (both groups take their nearest clients)
   */
  public record Props(Endpoint primary, Endpoint secondary, Strategy strategy) {}

  /** The Route 53 zone of every accelerator's DNS name, for alias records (AWS's constant). */
  public static final String HOSTED_ZONE_ID = "Z2BJ6XQ5FK7U4H";

  /** Each load balancer's weight in its group: AWS's default, and the only endpoint there. */
  static final int ENDPOINT_WEIGHT = 128;

  private final GlobalacceleratorAccelerator accelerator;
  private final Region region;
  private final SsmHandOff secondaryArnHandOff;

  public Accelerator(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.primary().region();
    this.accelerator =
        new GlobalacceleratorAccelerator(
            this,
            "accelerator",
            GlobalacceleratorAcceleratorConfig.builder()
                .provider(region.provider())
                .name(region.names().accelerator())
                .ipAddressType("IPV4")
                .enabled(true)
                // Flow logs are off: a documented exception (help/security.md).
                .attributes(
                    GlobalacceleratorAcceleratorAttributes.builder().flowLogsEnabled(false).build())
                .build());
    // Port 80 too with HTTPS: http:// clients reach the load balancer's redirect, as through DNS.
    boolean https = props.primary().https() || props.secondary().https();
    GlobalacceleratorListener listener =
        new GlobalacceleratorListener(
            this,
            "listener",
            GlobalacceleratorListenerConfig.builder()
                .provider(region.provider())
                .acceleratorArn(accelerator.getId())
                .protocol("TCP")
                .clientAffinity("NONE")
                .portRange(https ? List.of(port(80), port(443)) : List.of(port(80)))
                .build());
    endpointGroup(
        "primary-endpoint-group",
        listener,
        props.primary(),
        props.primary().loadBalancerArn(),
        100);
    this.secondaryArnHandOff =
        new SsmHandOff(
            this,
            "secondary-alb-arn-hand-off",
            new SsmHandOff.Props(
                props.secondary().region(),
                SsmHandOff.Kind.ALB_ARN,
                props.secondary().loadBalancerArn()));
    // Warm standby: the secondary's group gets no traffic while the primary's has a healthy
    // endpoint. Global Accelerator ignores the dial when it fails over, so the group still takes
    // the primary's traffic then, without a call to the accelerator's API.
    endpointGroup(
        "secondary-endpoint-group",
        listener,
        props.secondary(),
        secondaryArnHandOff.value(),
        props.strategy() == Strategy.ACTIVE_ACTIVE ? 100 : 0);
  }

  /** The accelerator's DNS name: what the primary record aliases, in {@link #HOSTED_ZONE_ID}. */
  public String dnsName() {
    return accelerator.getDnsName();
  }

  /** The accelerator's two static IPv4 addresses. */
  public List<String> ipAddresses() {
    return accelerator.getIpSets().get(0).getIpAddresses();
  }

  /** The hand-off of the secondary load balancer's ARN, in the secondary region. */
  public SsmHandOff secondaryArnHandOff() {
    return secondaryArnHandOff;
  }

  private static GlobalacceleratorListenerPortRange port(int port) {
    return GlobalacceleratorListenerPortRange.builder().fromPort(port).toPort(port).build();
  }

  /**
   * The group of {@code endpoint}'s region, with its load balancer {@code arn} as the accelerator's
   * provider reads it. The group's region is set: the provider would otherwise create it in its own
   * region, and a change replaces the group. No health_check_* arguments: for load balancer
   * endpoints Global Accelerator ignores them and follows the load balancer's target health, and
   * set they drift (the provider's issue 10712).
   */
  private void endpointGroup(
      String id, GlobalacceleratorListener listener, Endpoint endpoint, String arn, int dial) {
    new GlobalacceleratorEndpointGroup(
        this,
        id,
        GlobalacceleratorEndpointGroupConfig.builder()
            .provider(region.provider())
            .listenerArn(listener.getId())
            .endpointGroupRegion(endpoint.region().name())
            .trafficDialPercentage(dial)
            .endpointConfiguration(
                List.of(
                    GlobalacceleratorEndpointGroupEndpointConfiguration.builder()
                        .endpointId(arn)
                        .weight(ENDPOINT_WEIGHT)
                        // Set: AWS's default depends on the endpoint and the accelerator's age. The
                        // load balancer's security group admits its listener ports from anywhere.
                        .clientIpPreservationEnabled(true)
                        .build()))
            .build());
  }
}
