package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.lb.Lb;
import com.hashicorp.cdktf.providers.aws.lb.LbConfig;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListener;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerConfig;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerDefaultAction;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerDefaultActionRedirect;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroup;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroupConfig;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroupHealthCheck;
import io.drstack.config.TargetHealth;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The region's internet-facing Application Load Balancer and the target group of its instances.
 * With a certificate it serves HTTPS and redirects HTTP; without one it serves plain HTTP, and
 * synth warns. Its DNS name and zone id are published to SSM for the other regions.
 */
final class LoadBalancer extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param region where the load balancer runs
   * @param network the VPC of the target group, and its public subnets, where the load balancer
   *     stands
   * @param securityGroupId the load balancer's group
   * @param appPort the port the instances serve on
   * @param deletionProtection AWS refuses to delete the load balancer while it is set
   * @param certificateArn an ACM certificate of the region, for HTTPS
   * @param targetHealth what the target group checks on the instances
   */
  record Props(
      Region region,
      Network network,
      String securityGroupId,
      int appPort,
      boolean deletionProtection,
      Optional<String> certificateArn,
      TargetHealth targetHealth) {}

  /** TLS 1.3 with TLS 1.2 fallback and forward-secret ciphers only. */
  private static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

  private final Region region;
  private final Lb loadBalancer;
  private final LbTargetGroup targetGroup;
  private final SsmHandOff dnsNameHandOff;
  private final SsmHandOff zoneIdHandOff;

  LoadBalancer(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    this.loadBalancer =
        new Lb(
            this,
            "alb",
            LbConfig.builder()
                .provider(region.provider())
                .name(region.names().loadBalancer())
                .loadBalancerType("application")
                .internal(false)
                .securityGroups(List.of(props.securityGroupId()))
                .subnets(props.network().publicSubnetIds())
                .dropInvalidHeaderFields(true)
                .enableDeletionProtection(props.deletionProtection())
                .build());
    TargetHealth health = props.targetHealth();
    this.targetGroup =
        new LbTargetGroup(
            this,
            "target-group",
            LbTargetGroupConfig.builder()
                .provider(region.provider())
                .name(region.names().targetGroup())
                .port(props.appPort())
                .protocol("HTTP")
                .targetType("instance")
                .vpcId(props.network().vpcId())
                .deregistrationDelay("30")
                .healthCheck(
                    LbTargetGroupHealthCheck.builder()
                        .enabled(true)
                        .path(health.path())
                        .matcher("200")
                        .interval(health.intervalSeconds())
                        .timeout(health.timeoutSeconds())
                        .healthyThreshold(TargetHealth.HEALTHY_THRESHOLD)
                        .unhealthyThreshold(TargetHealth.UNHEALTHY_THRESHOLD)
                        .build())
                .build());
    props
        .certificateArn()
        .ifPresentOrElse(
            certificate -> {
              listener("https-listener", 443, Optional.of(certificate), forward());
              listener("http-redirect-listener", 80, Optional.empty(), redirectToHttps());
            },
            // Synth warns of plain HTTP, naming the setting.
            () -> listener("http-listener", 80, Optional.empty(), forward()));
    this.dnsNameHandOff =
        new SsmHandOff(
            this,
            "dns-name-hand-off",
            new SsmHandOff.Props(region, SsmHandOff.Kind.ALB_DNS, loadBalancer.getDnsName()));
    this.zoneIdHandOff =
        new SsmHandOff(
            this,
            "zone-id-hand-off",
            new SsmHandOff.Props(region, SsmHandOff.Kind.ALB_ZONE_ID, loadBalancer.getZoneId()));
  }

  Lb resource() {
    return loadBalancer;
  }

  LbTargetGroup targetGroup() {
    return targetGroup;
  }

  SsmHandOff dnsNameHandOff() {
    return dnsNameHandOff;
  }

  SsmHandOff zoneIdHandOff() {
    return zoneIdHandOff;
  }

  private LbListenerDefaultAction forward() {
    return LbListenerDefaultAction.builder()
        .type("forward")
        .targetGroupArn(targetGroup.getArn())
        .build();
  }

  private static LbListenerDefaultAction redirectToHttps() {
    return LbListenerDefaultAction.builder()
        .type("redirect")
        .redirect(
            LbListenerDefaultActionRedirect.builder()
                .protocol("HTTPS")
                .port("443")
                .statusCode("HTTP_301")
                .build())
        .build();
  }

  /** A listener on {@code port}: HTTPS with the TLS policy when a certificate is given. */
  private void listener(
      String id, int port, Optional<String> certificateArn, LbListenerDefaultAction action) {
    var config =
        LbListenerConfig.builder()
            .provider(region.provider())
            .loadBalancerArn(loadBalancer.getArn())
            .port(port)
            .protocol(certificateArn.isPresent() ? "HTTPS" : "HTTP")
            .defaultAction(List.of(action));
    certificateArn.ifPresent(arn -> config.certificateArn(arn).sslPolicy(TLS_POLICY));
    new LbListener(this, id, config.build());
  }
}
