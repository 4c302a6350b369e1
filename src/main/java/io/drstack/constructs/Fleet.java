package io.drstack.constructs;

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
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameter;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameterConfig;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplate;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateBlockDeviceMappings;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateBlockDeviceMappingsEbs;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateConfig;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateIamInstanceProfile;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateMetadataOptions;
import com.hashicorp.cdktf.providers.aws.launch_template.LaunchTemplateMonitoring;
import io.drstack.config.Capacity;
import io.drstack.config.RecoveryObjectives;
import io.drstack.config.TargetHealth;
import java.util.List;
import java.util.Optional;
import software.constructs.Construct;

/**
 * The application's instances: an Auto Scaling group in the private subnets behind the load
 * balancer's target group, launched from a template with IMDSv2 only, an encrypted volume and no
 * SSH, scaled on CPU, and rolled launch-before-terminate when the template changes.
 */
final class Fleet extends Construct implements Addresses.Transparent {

  /**
   * Inputs of the construct.
   *
   * @param region where the instances run
   * @param key the region's key: volumes and logs are encrypted with it
   * @param placement where the instances stand and who judges their health
   * @param instances what the group launches, and how many
   * @param data the table's replica in {@code region}, the peer region and the canary
   * @param logRetentionDays retention of the application log group
   */
  record Props(
      Region region,
      RegionalKey key,
      Placement placement,
      Instances instances,
      DataTier data,
      int logRetentionDays) {}

  /**
   * Where the instances stand.
   *
   * @param subnetIds the private subnets, one per zone
   * @param securityGroupId the instances' group
   * @param targetGroupArn the load balancer's target group
   * @param targetHealth what the target group checks, which decides whether it also judges the
   *     instances' health for Auto Scaling, and what the instances serve for it
   */
  record Placement(
      List<String> subnetIds,
      String securityGroupId,
      String targetGroupArn,
      TargetHealth targetHealth) {}

  /**
   * What the group launches.
   *
   * @param type the instances' type
   * @param pinnedAmi an AMI to run instead of the newest Amazon Linux 2023 one
   * @param capacity the group's size at creation and its bounds
   * @param appPort the port the application serves on
   */
  record Instances(String type, Optional<String> pinnedAmi, Capacity capacity, int appPort) {}

  /** Newest Amazon Linux 2023 AMI, published by AWS in every region; read at creation only. */
  static final String AMI_PARAMETER =
      "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";

  /** The scaling policy keeps the group's average CPU near this percentage. */
  private static final int TARGET_CPU_PERCENT = 50;

  private final Region region;
  private final AutoscalingGroup group;

  Fleet(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    String logGroupName = region.names().path("app");
    CloudwatchLogGroup logGroup =
        props.key().encryptedLogGroup(this, "log-group", logGroupName, props.logRetentionDays());
    InstanceRole role =
        new InstanceRole(
            this,
            "role",
            new InstanceRole.Props(
                region, logGroup.getArn(), props.data().table().arn(), props.data().canary()));
    LaunchTemplate template = launchTemplate(props, role, logGroupName);
    Capacity capacity = props.instances().capacity();
    this.group =
        new AutoscalingGroup(
            this,
            "instances",
            AutoscalingGroupConfig.builder()
                .provider(region.provider())
                .name(region.names().of("app"))
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
                // mid-incident before it fails. Health is the load balancer's and Route 53's.
                .waitForCapacityTimeout("0")
                .vpcZoneIdentifier(props.placement().subnetIds())
                .targetGroupArns(List.of(props.placement().targetGroupArn()))
                // With readiness, the load balancer's verdict is the region's, not the instance's:
                // Auto Scaling would replace every instance of a region taken out on purpose or
                // whose table fails. EC2's status judges them then (help/security.md).
                .healthCheckType(props.placement().targetHealth().autoScalingHealthCheckType())
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
                            .value(region.names().of("app"))
                            .propagateAtLaunch(true)
                            .build()))
                .build());
    // Launch before terminate: a one-instance warm standby never drops to zero during a refresh.
    EscapeHatch.set(group, EscapeHatch.Argument.INSTANCE_REFRESH_MAX_HEALTHY, 200);
    // Capacity follows load between min and max; after a failover the standby grows with traffic.
    new AutoscalingPolicy(
        this,
        "cpu-target-tracking",
        AutoscalingPolicyConfig.builder()
            .provider(region.provider())
            .name(region.names().of("app-cpu"))
            .autoscalingGroupName(group.getName())
            .policyType("TargetTrackingScaling")
            .targetTrackingConfiguration(
                AutoscalingPolicyTargetTrackingConfiguration.builder()
                    .predefinedMetricSpecification(
                        AutoscalingPolicyTargetTrackingConfigurationPredefinedMetricSpecification
                            .builder()
                            .predefinedMetricType("ASGAverageCPUUtilization")
                            .build())
                    .targetValue(TARGET_CPU_PERCENT)
                    .build())
            .build());
  }

  String groupName() {
    return group.getName();
  }

  String groupArn() {
    return group.getArn();
  }

  private LaunchTemplate launchTemplate(Props props, InstanceRole role, String logGroupName) {
    Instances instances = props.instances();
    var template =
        LaunchTemplateConfig.builder()
            .provider(region.provider())
            .name(region.names().of("app"))
            .description("DR stack application instances")
            .imageId(instances.pinnedAmi().orElseGet(this::newestAmi))
            .instanceType(instances.type())
            .iamInstanceProfile(
                LaunchTemplateIamInstanceProfile.builder().arn(role.profileArn()).build())
            .vpcSecurityGroupIds(List.of(props.placement().securityGroupId()))
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
                UserData.encoded(
                    new UserData.App(
                        region.name(),
                        instances.appPort(),
                        logGroupName,
                        props.data(),
                        props.placement().targetHealth())))
            .updateDefaultVersion(true);
    // Unpinned, the AMI is read once, at creation: a new AMI from AWS must never roll both
    // regions' instances in one apply. Pinning one rolls that region alone.
    if (instances.pinnedAmi().isEmpty()) {
      template.lifecycle(
          TerraformResourceLifecycle.builder().ignoreChanges(List.of("image_id")).build());
    }
    return new LaunchTemplate(this, "launch-template", template.build());
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
}
