package io.drstack.constructs;

import com.hashicorp.cdktf.Annotations;
import com.hashicorp.cdktf.Fn;
import com.hashicorp.cdktf.TerraformResourceLifecycle;
import com.hashicorp.cdktf.Token;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroup;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupConfig;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupInstanceRefresh;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupInstanceRefreshPreferences;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupLaunchTemplate;
import com.hashicorp.cdktf.providers.aws.autoscaling_group.AutoscalingGroupTag;
import com.hashicorp.cdktf.providers.aws.autoscaling_policy.AutoscalingPolicy;
import com.hashicorp.cdktf.providers.aws.autoscaling_policy.AutoscalingPolicyConfig;
import com.hashicorp.cdktf.providers.aws.autoscaling_policy.AutoscalingPolicyTargetTrackingConfiguration;
import com.hashicorp.cdktf.providers.aws.autoscaling_policy.AutoscalingPolicyTargetTrackingConfigurationPredefinedMetricSpecification;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroupConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameter;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameterConfig;
import com.hashicorp.cdktf.providers.aws.default_security_group.DefaultSecurityGroup;
import com.hashicorp.cdktf.providers.aws.default_security_group.DefaultSecurityGroupConfig;
import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfile;
import com.hashicorp.cdktf.providers.aws.iam_instance_profile.IamInstanceProfileConfig;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRole;
import com.hashicorp.cdktf.providers.aws.iam_role.IamRoleConfig;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicy;
import com.hashicorp.cdktf.providers.aws.iam_role_policy.IamRolePolicyConfig;
import com.hashicorp.cdktf.providers.aws.internet_gateway.InternetGateway;
import com.hashicorp.cdktf.providers.aws.internet_gateway.InternetGatewayConfig;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplate;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateBlockDeviceMappings;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateBlockDeviceMappingsEbs;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateConfig;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateIamInstanceProfile;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateMetadataOptions;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateMonitoring;
import com.hashicorp.cdktf.providers.aws.lb.Lb;
import com.hashicorp.cdktf.providers.aws.lb.LbConfig;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListener;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerConfig;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerDefaultAction;
import com.hashicorp.cdktf.providers.aws.lb_listener.LbListenerDefaultActionRedirect;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroup;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroupConfig;
import com.hashicorp.cdktf.providers.aws.lb_target_group.LbTargetGroupHealthCheck;
import com.hashicorp.cdktf.providers.aws.route.Route;
import com.hashicorp.cdktf.providers.aws.route.RouteConfig;
import com.hashicorp.cdktf.providers.aws.route_table.RouteTable;
import com.hashicorp.cdktf.providers.aws.route_table.RouteTableConfig;
import com.hashicorp.cdktf.providers.aws.route_table_association.RouteTableAssociation;
import com.hashicorp.cdktf.providers.aws.route_table_association.RouteTableAssociationConfig;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroup;
import com.hashicorp.cdktf.providers.aws.security_group.SecurityGroupConfig;
import com.hashicorp.cdktf.providers.aws.subnet.Subnet;
import com.hashicorp.cdktf.providers.aws.subnet.SubnetConfig;
import com.hashicorp.cdktf.providers.aws.vpc.Vpc;
import com.hashicorp.cdktf.providers.aws.vpc.VpcConfig;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpoint;
import com.hashicorp.cdktf.providers.aws.vpc_endpoint.VpcEndpointConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_egress_rule.VpcSecurityGroupEgressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_egress_rule.VpcSecurityGroupEgressRuleConfig;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRule;
import com.hashicorp.cdktf.providers.aws.vpc_security_group_ingress_rule.VpcSecurityGroupIngressRuleConfig;
import io.drstack.config.AvailabilityZone;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.RegionSettings;
import io.drstack.config.ServiceSettings;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The application in one region: a VPC over two availability zones, an internet-facing Application
 * Load Balancer in the public subnets, and an Auto Scaling group of instances in private subnets
 * that have no route to the internet. The instances reach Systems Manager and CloudWatch Logs
 * through VPC endpoints and the Amazon Linux package repositories through the S3 gateway endpoint.
 * The load balancer's DNS name and zone id are published to SSM for DNS.
 */
public final class RegionalService extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param region where the service runs
   * @param key the region's key: volumes and logs are encrypted with it
   * @param environmentSuffix carried by every name
   * @param settings what differs per region (network, capacity, certificate)
   * @param service what both regions share (instance type, port, deletion protection)
   * @param logRetentionDays retention of the application log group
   */
  public record Props(
      Region region,
      RegionalKey key,
      String environmentSuffix,
      RegionSettings settings,
      ServiceSettings service,
      int logRetentionDays) {}

  /** Path the load balancer and Route 53 probe; the instances answer it only when serving. */
  public static final String HEALTH_PATH = "/health";

  /** Newest Amazon Linux 2023 AMI, published by AWS in every region; read at creation only. */
  public static final String AMI_PARAMETER =
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

  /** TLS 1.3 with TLS 1.2 fallback and forward-secret ciphers only. */
  public static final String TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

  private static final List<String> INTERFACE_ENDPOINTS =
      List.of("ssm", "ssmmessages", "ec2messages", "logs");

  private final Region region;
  private final Lb loadBalancer;
  private final LbTargetGroup targetGroup;
  private final CloudwatchLogGroup logGroup;
  private final SsmHandOff dnsNameHandOff;
  private final SsmHandOff zoneIdHandOff;
  private final boolean https;

  public RegionalService(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    String suffix = props.environmentSuffix();
    var provider = region.provider();
    int port = props.service().appPort();

    // Network: public subnets for the load balancer, private ones for instances.
    Vpc vpc =
        new Vpc(
            this,
            "vpc",
            VpcConfig.builder()
                .provider(provider)
                .cidrBlock(props.settings().vpcCidr())
                .enableDnsSupport(true)
                .enableDnsHostnames(true) // interface endpoints need private DNS
                .tags(Map.of("Name", "dr-" + suffix + "-" + region.name()))
                .build());
    // The default security group allows all traffic between members: take every rule away.
    new DefaultSecurityGroup(
        this,
        "default-security-group",
        DefaultSecurityGroupConfig.builder().provider(provider).vpcId(vpc.getId()).build());
    new VpcFlowLogs(
        this,
        "flow-logs",
        new VpcFlowLogs.Props(region, props.key(), suffix, vpc.getId(), props.logRetentionDays()));
    InternetGateway gateway =
        new InternetGateway(
            this,
            "internet-gateway",
            InternetGatewayConfig.builder().provider(provider).vpcId(vpc.getId()).build());
    RouteTable publicRoutes = routeTable("public-routes", vpc, "public", suffix);
    new Route(
        this,
        "public-default-route",
        RouteConfig.builder()
            .provider(provider)
            .routeTableId(publicRoutes.getId())
            .destinationCidrBlock("0.0.0.0/0")
            .gatewayId(gateway.getId())
            .build());
    RouteTable privateRoutes = routeTable("private-routes", vpc, "private", suffix);
    List<String> publicSubnets = new ArrayList<>();
    List<String> privateSubnets = new ArrayList<>();
    List<AvailabilityZone> zones = props.settings().zones();
    for (int i = 0; i < zones.size(); i++) {
      AvailabilityZone zone = zones.get(i);
      publicSubnets.add(subnet("public-" + i, vpc, zone, i, publicRoutes, suffix));
      privateSubnets.add(subnet("private-" + i, vpc, zone, i + 8, privateRoutes, suffix));
    }

    // Security groups: internet -> load balancer -> instances -> VPC endpoints. No SSH anywhere.
    SecurityGroup albGroup =
        securityGroup("alb", vpc, "Load balancer: HTTP and HTTPS from anywhere", suffix);
    SecurityGroup instanceGroup =
        securityGroup("instances", vpc, "Instances: app port from the load balancer only", suffix);
    SecurityGroup endpointGroup =
        securityGroup("endpoints", vpc, "VPC endpoints: HTTPS from the instances only", suffix);
    for (int listenerPort : List.of(80, 443)) {
      rule(
          "alb-from-internet-" + listenerPort,
          albGroup,
          true,
          listenerPort,
          Peer.cidr("0.0.0.0/0"),
          "Clients on port " + listenerPort);
    }
    rule(
        "alb-to-instances",
        albGroup,
        false,
        port,
        Peer.group(instanceGroup),
        "Requests and health checks to the instances");
    rule(
        "instances-from-alb",
        instanceGroup,
        true,
        port,
        Peer.group(albGroup),
        "Requests and health checks from the load balancer");
    rule(
        "instances-to-endpoints",
        instanceGroup,
        false,
        443,
        Peer.group(endpointGroup),
        "Systems Manager and CloudWatch Logs endpoints");
    rule(
        "endpoints-from-instances",
        endpointGroup,
        true,
        443,
        Peer.group(instanceGroup),
        "HTTPS from the instances");

    // Private connectivity: the only ways out of the private subnets.
    VpcEndpoint s3 =
        new VpcEndpoint(
            this,
            "endpoint-s3",
            VpcEndpointConfig.builder()
                .provider(provider)
                .vpcId(vpc.getId())
                .serviceName("com.amazonaws." + region.name() + ".s3")
                .vpcEndpointType("Gateway")
                .routeTableIds(List.of(privateRoutes.getId()))
                .build());
    rule(
        "instances-to-s3",
        instanceGroup,
        false,
        443,
        Peer.prefixList(s3.getPrefixListId()),
        "Amazon Linux package repositories through the S3 gateway endpoint");
    for (String service : INTERFACE_ENDPOINTS) {
      new VpcEndpoint(
          this,
          "endpoint-" + service,
          VpcEndpointConfig.builder()
              .provider(provider)
              .vpcId(vpc.getId())
              .serviceName("com.amazonaws." + region.name() + "." + service)
              .vpcEndpointType("Interface")
              .privateDnsEnabled(true)
              .subnetIds(privateSubnets)
              .securityGroupIds(List.of(endpointGroup.getId()))
              .build());
    }

    // Application logs, encrypted with the region's key.
    String logGroupName = "/dr/" + suffix + "/app";
    this.logGroup =
        new CloudwatchLogGroup(
            this,
            "log-group",
            CloudwatchLogGroupConfig.builder()
                .provider(provider)
                .name(logGroupName)
                .retentionInDays(props.logRetentionDays())
                .kmsKeyId(props.key().arn())
                .build());

    // Load balancer.
    this.loadBalancer =
        new Lb(
            this,
            "alb",
            LbConfig.builder()
                .provider(provider)
                .name("dr-alb-" + suffix)
                .loadBalancerType("application")
                .internal(false)
                .securityGroups(List.of(albGroup.getId()))
                .subnets(publicSubnets)
                .dropInvalidHeaderFields(true)
                .enableDeletionProtection(props.service().albDeletionProtection())
                .build());
    this.targetGroup =
        new LbTargetGroup(
            this,
            "target-group",
            LbTargetGroupConfig.builder()
                .provider(provider)
                .name("dr-tg-" + suffix)
                .port(port)
                .protocol("HTTP")
                .targetType("instance")
                .vpcId(vpc.getId())
                .deregistrationDelay("30")
                .healthCheck(
                    LbTargetGroupHealthCheck.builder()
                        .enabled(true)
                        .path(HEALTH_PATH)
                        .matcher("200")
                        .interval(15)
                        .timeout(5)
                        .healthyThreshold(2)
                        .unhealthyThreshold(2)
                        .build())
                .build());
    this.https = props.settings().certificateArn().isPresent();
    if (https) {
      listener(
          "https-listener", 443, "HTTPS", props.settings().certificateArn().get(), forwardAction());
      listener(
          "http-redirect-listener",
          80,
          "HTTP",
          null,
          LbListenerDefaultAction.builder()
              .type("redirect")
              .redirect(
                  LbListenerDefaultActionRedirect.builder()
                      .protocol("HTTPS")
                      .port("443")
                      .statusCode("HTTP_301")
                      .build())
              .build());
    } else {
      listener("http-listener", 80, "HTTP", null, forwardAction());
      Annotations.of(this)
          .addWarning(
              "No certificate is configured for "
                  + region.name()
                  + ": the load balancer serves plain HTTP. Set the region's certificate ARN"
                  + " (see help/configuration.md) before serving real users.");
    }

    // Instances: IMDSv2 only, encrypted volumes, Session Manager instead of SSH.
    IamRole role =
        new IamRole(
            this,
            "instance-role",
            IamRoleConfig.builder()
                .provider(provider)
                .name("dr-app-" + region.name() + "-" + suffix)
                .description("Application instances of the DR stack in " + region.name())
                .assumeRolePolicy(
                    Policy.document(
                        this,
                        "instance-trust",
                        region,
                        List.of(
                            Policy.allow("Ec2AssumesRole", List.of("sts:AssumeRole"), List.of())
                                .principal("Service", "ec2.amazonaws.com"))))
                .build());
    new IamRolePolicy(
        this,
        "instance-policy",
        IamRolePolicyConfig.builder()
            .provider(provider)
            .name("dr-app-" + suffix)
            .role(role.getId())
            .policy(
                Policy.document(
                    this,
                    "instance-permissions",
                    region,
                    List.of(
                        Policy.allow(
                            "SessionManagerRegistersInstance",
                            List.of("ssm:UpdateInstanceInformation"),
                            List.of(region.arn("ec2", "instance/*"))),
                        // These Session Manager actions support no resource-level permissions.
                        Policy.allow(
                            "SessionManagerChannels",
                            List.of(
                                "ssmmessages:CreateControlChannel",
                                "ssmmessages:CreateDataChannel",
                                "ssmmessages:OpenControlChannel",
                                "ssmmessages:OpenDataChannel",
                                "ec2messages:AcknowledgeMessage",
                                "ec2messages:DeleteMessage",
                                "ec2messages:FailMessage",
                                "ec2messages:GetEndpoint",
                                "ec2messages:GetMessages",
                                "ec2messages:SendReply"),
                            List.of("*")),
                        Policy.allow(
                            "WriteApplicationLogs",
                            List.of(
                                "logs:CreateLogStream",
                                "logs:PutLogEvents",
                                "logs:DescribeLogStreams"),
                            List.of(logGroup.getArn(), logGroup.getArn() + ":log-stream:*")))))
            .build());
    IamInstanceProfile profile =
        new IamInstanceProfile(
            this,
            "instance-profile",
            IamInstanceProfileConfig.builder()
                .provider(provider)
                .name("dr-app-" + region.name() + "-" + suffix)
                .role(role.getName())
                .build());
    Optional<String> pinnedAmi = props.settings().amiId();
    LaunchTemplate template =
        new LaunchTemplate(
            this,
            "launch-template",
            LaunchTemplateConfig.builder()
                .provider(provider)
                .name("dr-app-" + suffix)
                .description("DR stack application instances")
                .imageId(pinnedAmi.orElseGet(this::newestAmi))
                .instanceType(props.service().instanceType())
                .iamInstanceProfile(
                    LaunchTemplateIamInstanceProfile.builder().arn(profile.getArn()).build())
                .vpcSecurityGroupIds(List.of(instanceGroup.getId()))
                .metadataOptions(
                    LaunchTemplateMetadataOptions.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(1)
                        .build())
                .monitoring(LaunchTemplateMonitoring.builder().enabled(true).build())
                .blockDeviceMappings(
                    List.of(
                        LaunchTemplateBlockDeviceMappings.builder()
                            .deviceName("/dev/xvda")
                            .ebs(
                                LaunchTemplateBlockDeviceMappingsEbs.builder()
                                    .volumeSize(20)
                                    .volumeType("gp3")
                                    .encrypted("true")
                                    .kmsKeyId(props.key().arn())
                                    .deleteOnTermination("true")
                                    .build())
                            .build()))
                // A literal script (the log group name is known), so Java encodes it.
                .userData(
                    Base64.getEncoder()
                        .encodeToString(
                            UserData.render(region.name(), port, logGroupName)
                                .getBytes(StandardCharsets.UTF_8)))
                .updateDefaultVersion(true)
                // Unpinned, the AMI is read once, at creation: a new AMI from AWS must never roll
                // both regions' instances in one apply. Pinning one rolls that region alone.
                .lifecycle(
                    pinnedAmi.isPresent()
                        ? null
                        : TerraformResourceLifecycle.builder()
                            .ignoreChanges(List.of("image_id"))
                            .build())
                .build());
    var capacity = props.settings().capacity();
    AutoscalingGroup instances =
        new AutoscalingGroup(
            this,
            "instances",
            AutoscalingGroupConfig.builder()
                .provider(provider)
                .name("dr-app-" + suffix)
                .minSize(capacity.min())
                // Only at creation: afterwards scaling (or an operator mid-failover) owns it, and
                // an apply must not shrink a secondary that took over. help/operations.md.
                .desiredCapacity(capacity.desired())
                .lifecycle(
                    TerraformResourceLifecycle.builder()
                        .ignoreChanges(List.of("desired_capacity"))
                        .build())
                .maxSize(capacity.max())
                // Terraform would wait for exactly max(min, desired) healthy instances after a
                // change of min: wrong once scaling moved the size, and 10 minutes lost
                // mid-incident
                // before it fails. Health is the load balancer's and Route 53's to judge.
                .waitForCapacityTimeout("0")
                .vpcZoneIdentifier(privateSubnets)
                .targetGroupArns(List.of(targetGroup.getArn()))
                .healthCheckType("ELB")
                // Part of the computed RTO when the secondary runs no instances.
                .healthCheckGracePeriod(RecoveryObjectives.HEALTH_CHECK_GRACE_PERIOD_SECONDS)
                .launchTemplate(
                    AutoscalingGroupLaunchTemplate.builder()
                        .id(template.getId())
                        .version(Token.asString(template.getLatestVersion()))
                        .build())
                .instanceRefresh(
                    AutoscalingGroupInstanceRefresh.builder()
                        .strategy("Rolling")
                        .preferences(
                            AutoscalingGroupInstanceRefreshPreferences.builder()
                                .minHealthyPercentage(100)
                                .build())
                        .build())
                .tag(
                    List.of(
                        AutoscalingGroupTag.builder()
                            .key("Name")
                            .value("dr-app-" + suffix)
                            .propagateAtLaunch(true)
                            .build()))
                .build());
    // Launch before terminate: a one-instance warm standby never drops to zero during a refresh.
    EscapeHatch.set(instances, EscapeHatch.Argument.INSTANCE_REFRESH_MAX_HEALTHY, 200);
    // Capacity follows load between min and max; after a failover the standby grows with traffic.
    new AutoscalingPolicy(
        this,
        "cpu-target-tracking",
        AutoscalingPolicyConfig.builder()
            .provider(provider)
            .name("dr-app-cpu-" + suffix)
            .autoscalingGroupName(instances.getName())
            .policyType("TargetTrackingScaling")
            .targetTrackingConfiguration(
                AutoscalingPolicyTargetTrackingConfiguration.builder()
                    .predefinedMetricSpecification(
                        AutoscalingPolicyTargetTrackingConfigurationPredefinedMetricSpecification
                            .builder()
                            .predefinedMetricType("ASGAverageCPUUtilization")
                            .build())
                    .targetValue(50)
                    .build())
            .build());

    this.dnsNameHandOff =
        new SsmHandOff(
            this,
            "dns-name-hand-off",
            new SsmHandOff.Props(
                region, suffix, SsmHandOff.Kind.ALB_DNS, loadBalancer.getDnsName()));
    this.zoneIdHandOff =
        new SsmHandOff(
            this,
            "zone-id-hand-off",
            new SsmHandOff.Props(
                region, suffix, SsmHandOff.Kind.ALB_ZONE_ID, loadBalancer.getZoneId()));
  }

  /** The newest Amazon Linux 2023 AMI, as AWS publishes it in the region. */
  private String newestAmi() {
    return new DataAwsSsmParameter(
            this,
            "ami",
            DataAwsSsmParameterConfig.builder()
                .provider(region.provider())
                .name(AMI_PARAMETER)
                .build())
        .getInsecureValue();
  }

  private RouteTable routeTable(String id, Vpc vpc, String tier, String suffix) {
    return new RouteTable(
        this,
        id,
        RouteTableConfig.builder()
            .provider(region.provider())
            .vpcId(vpc.getId())
            .tags(Map.of("Name", "dr-" + suffix + "-" + tier))
            .build());
  }

  private String subnet(
      String id, Vpc vpc, AvailabilityZone zone, int index, RouteTable routes, String suffix) {
    var config =
        SubnetConfig.builder()
            .provider(region.provider())
            .vpcId(vpc.getId())
            .cidrBlock(Fn.cidrsubnet(vpc.getCidrBlock(), 4, index))
            .mapPublicIpOnLaunch(false)
            .tags(Map.of("Name", "dr-" + suffix + "-" + id));
    // A literal zone: the subnets never move because a zone's state changed between plans.
    if (zone instanceof AvailabilityZone.Id) {
      config.availabilityZoneId(zone.value());
    } else {
      config.availabilityZone(zone.value());
    }
    Subnet subnet = new Subnet(this, id, config.build());
    new RouteTableAssociation(
        this,
        id + "-routes",
        RouteTableAssociationConfig.builder()
            .provider(region.provider())
            .subnetId(subnet.getId())
            .routeTableId(routes.getId())
            .build());
    return subnet.getId();
  }

  private SecurityGroup securityGroup(String id, Vpc vpc, String description, String suffix) {
    return new SecurityGroup(
        this,
        id + "-security-group",
        SecurityGroupConfig.builder()
            .provider(region.provider())
            .name("dr-" + id + "-" + suffix)
            .description(description)
            .vpcId(vpc.getId())
            .build());
  }

  private LbListenerDefaultAction forwardAction() {
    return LbListenerDefaultAction.builder()
        .type("forward")
        .targetGroupArn(targetGroup.getArn())
        .build();
  }

  private void listener(
      String id, int port, String protocol, String certificateArn, LbListenerDefaultAction action) {
    var config =
        LbListenerConfig.builder()
            .provider(region.provider())
            .loadBalancerArn(loadBalancer.getArn())
            .port(port)
            .protocol(protocol)
            .defaultAction(List.of(action));
    if (certificateArn != null) {
      config.certificateArn(certificateArn).sslPolicy(TLS_POLICY);
    }
    new LbListener(this, id, config.build());
  }

  /** The other side of a security group rule: exactly one of the three is set. */
  private record Peer(String cidr, String securityGroupId, String prefixListId) {
    static Peer cidr(String cidr) {
      return new Peer(cidr, null, null);
    }

    static Peer group(SecurityGroup group) {
      return new Peer(null, group.getId(), null);
    }

    static Peer prefixList(String prefixListId) {
      return new Peer(null, null, prefixListId);
    }
  }

  /** One TCP rule on one port. */
  private void rule(
      String id, SecurityGroup group, boolean inbound, int port, Peer peer, String description) {
    if (inbound) {
      new VpcSecurityGroupIngressRule(
          this,
          id,
          VpcSecurityGroupIngressRuleConfig.builder()
              .provider(region.provider())
              .securityGroupId(group.getId())
              .ipProtocol("tcp")
              .fromPort(port)
              .toPort(port)
              .cidrIpv4(peer.cidr())
              .referencedSecurityGroupId(peer.securityGroupId())
              .prefixListId(peer.prefixListId())
              .description(description)
              .build());
    } else {
      new VpcSecurityGroupEgressRule(
          this,
          id,
          VpcSecurityGroupEgressRuleConfig.builder()
              .provider(region.provider())
              .securityGroupId(group.getId())
              .ipProtocol("tcp")
              .fromPort(port)
              .toPort(port)
              .cidrIpv4(peer.cidr())
              .referencedSecurityGroupId(peer.securityGroupId())
              .prefixListId(peer.prefixListId())
              .description(description)
              .build());
    }
  }

  /** The load balancer's DNS name, for resources in this region. */
  public String loadBalancerDnsName() {
    return loadBalancer.getDnsName();
  }

  /** The load balancer's Route 53 zone id, for resources in this region. */
  public String loadBalancerZoneId() {
    return loadBalancer.getZoneId();
  }

  /** {@code app/<name>/<id>}: the {@code LoadBalancer} dimension of its CloudWatch metrics. */
  public String loadBalancerArnSuffix() {
    return loadBalancer.getArnSuffix();
  }

  /** {@code targetgroup/<name>/<id>}: the {@code TargetGroup} dimension of its metrics. */
  public String targetGroupArnSuffix() {
    return targetGroup.getArnSuffix();
  }

  public String logGroupName() {
    return logGroup.getName();
  }

  /** Whether the load balancer serves HTTPS (a certificate is configured). */
  public boolean https() {
    return https;
  }

  /** The DNS name as published to SSM: what other regions use. */
  public SsmHandOff dnsNameHandOff() {
    return dnsNameHandOff;
  }

  /** The hosted zone id as published to SSM: what other regions use. */
  public SsmHandOff zoneIdHandOff() {
    return zoneIdHandOff;
  }

  public Region region() {
    return region;
  }
}
