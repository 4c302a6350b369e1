package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplate;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateAction;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateActionParameter;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateActionTarget;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateConfig;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateLogConfiguration;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateLogConfigurationCloudwatchLogsConfiguration;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateStopCondition;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateTarget;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateTargetFilter;
import com.hashicorp.cdktf.providers.aws.fis_experiment_template.FisExperimentTemplateTargetResourceTag;
import io.drstack.config.Names;
import io.drstack.config.Strategy;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The failover drill: an AWS Fault Injection Service experiment template that takes the primary out
 * the way a failure would, by stopping every instance of its Auto Scaling group, and starts them
 * again after a bounded time. With a warm standby the drill fails over to it; with both regions
 * serving it takes the primary out of service and shows that the secondary carries everything. It
 * stops early when an alarm says the drill itself went wrong (the standby is unhealthy, or the
 * table fails). Its role may touch only this stack's primary instances; its log goes to a log group
 * encrypted with the primary's key.
 */
public final class FailoverDrill extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param region the primary region, where the instances are stopped
   * @param key the primary's key: the log group is encrypted with it, and the instances' volumes
   *     (so starting them again needs a grant)
   * @param autoScalingGroupName the primary's group; its instances carry its name as their {@code
   *     Name} tag (the stack's Fleet sets it)
   * @param stopAlarmArns alarms in {@code region} that stop the experiment when they fire
   * @param minutes how long the instances stay stopped
   * @param logRetentionDays retention of the drill's log group
   * @param strategy what taking the primary out means, which the template's description says
   */
  public record Props(
      Region region,
      RegionalKey key,
      String autoScalingGroupName,
      List<String> stopAlarmArns,
      int minutes,
      int logRetentionDays,
      Strategy strategy) {}

  /**
   * The tag that selects the drill's targets: the {@code Name} that the stack's group sets on every
   * instance it launches ({@code dr-app-<suffix>}, in the primary's region only, where the template
   * lives). A tag the stack sets itself, rather than Auto Scaling's {@code aws:}-prefixed one,
   * whose use in FIS's tag selection and in IAM conditions AWS does not document. Anyone allowed
   * {@code ec2:CreateTags} can set it on another instance, so the role's stop and start are held to
   * the same tag and, as well, to the primary's instance profile ({@link
   * #INSTANCE_PROFILE_CONDITION}).
   */
  static final String TARGET_TAG = "Name";

  /**
   * The condition key that holds the role's stop and start to instances running with the primary's
   * instance profile, whatever their tags say.
   */
  static final String INSTANCE_PROFILE_CONDITION = "ec2:InstanceProfile";

  /** Only instances that run: a stopping or terminating one would fail the stop action. */
  static final String RUNNING_FILTER_PATH = "State.Name";

  private final FisExperimentTemplate template;

  public FailoverDrill(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    Names names = region.names();
    CloudwatchLogGroup log =
        props
            .key()
            .encryptedLogGroup(
                this, "log-group", names.path("failover-drill"), props.logRetentionDays());
    String instances = region.arn("ec2", "instance/*");
    Role role =
        new Role(
            this,
            "role",
            new Role.Props(
                region,
                names.of("failover-drill", region.name()),
                "Runs the DR stack's failover drill in " + region.name(),
                // FIS sends its experiment as the source (AWS FIS User Guide, "IAM roles for AWS
                // FIS experiments": the trust policy's aws:SourceAccount and aws:SourceArn).
                Role.service(region, "fis.amazonaws.com", region.arn("fis", "experiment/*")),
                List.of(
                    Policy.allow(
                            "StopAndStartThePrimaryInstances",
                            List.of("ec2:StopInstances", "ec2:StartInstances"),
                            List.of(instances))
                        .condition(
                            "StringEquals",
                            "aws:ResourceTag/" + TARGET_TAG,
                            props.autoScalingGroupName())
                        // A Name tag is anyone's with ec2:CreateTags; the instance profile only
                        // theirs who may pass the stack's instance role. EC2 evaluates
                        // ec2:InstanceProfile on the instance for StopInstances and StartInstances
                        // (Service Authorization Reference, Amazon EC2, instance resource type).
                        .condition(
                            "ArnEquals",
                            INSTANCE_PROFILE_CONDITION,
                            InstanceRole.profileArnOf(region)),
                    // FIS resolves the tag target by listing; Describe has no resource level.
                    Policy.allow("FindTheTargets", List.of("ec2:DescribeInstances"), List.of("*")),
                    // Starting an instance with an encrypted volume needs a grant on its key.
                    Policy.allow(
                            "StartEncryptedVolumes",
                            List.of("kms:CreateGrant"),
                            List.of(props.key().arn()))
                        .condition("StringEquals", "kms:ViaService", region.serviceEndpoint("ec2"))
                        .condition("Bool", "kms:GrantIsForAWSResource", "true"),
                    // Log delivery to CloudWatch Logs; these actions have no resource level.
                    Policy.allow(
                        "DeliverTheExperimentLog",
                        List.of(
                            "logs:CreateLogDelivery",
                            "logs:PutResourcePolicy",
                            "logs:DescribeResourcePolicies",
                            "logs:DescribeLogGroups"),
                        List.of("*")))));
    this.template =
        new FisExperimentTemplate(
            this,
            "template",
            FisExperimentTemplateConfig.builder()
                .provider(region.provider())
                .description(description(names, props))
                .roleArn(role.arn())
                .target(
                    List.of(
                        FisExperimentTemplateTarget.builder()
                            .name("primary-instances")
                            .resourceType("aws:ec2:instance")
                            .selectionMode("ALL")
                            .resourceTag(
                                List.of(
                                    FisExperimentTemplateTargetResourceTag.builder()
                                        .key(TARGET_TAG)
                                        .value(props.autoScalingGroupName())
                                        .build()))
                            .filter(
                                List.of(
                                    FisExperimentTemplateTargetFilter.builder()
                                        .path(RUNNING_FILTER_PATH)
                                        .values(List.of("running"))
                                        .build()))
                            .build()))
                .action(
                    List.of(
                        FisExperimentTemplateAction.builder()
                            .name("stop-primary-instances")
                            .actionId("aws:ec2:stop-instances")
                            .parameter(
                                List.of(
                                    parameter(
                                        "startInstancesAfterDuration",
                                        "PT" + props.minutes() + "M"),
                                    // Auto Scaling may replace a stopped instance: not a failure.
                                    parameter("completeIfInstancesTerminated", "true")))
                            .target(
                                FisExperimentTemplateActionTarget.builder()
                                    .key("Instances")
                                    .value("primary-instances")
                                    .build())
                            .build()))
                .stopCondition(
                    props.stopAlarmArns().stream()
                        .map(
                            arn ->
                                FisExperimentTemplateStopCondition.builder()
                                    .source("aws:cloudwatch:alarm")
                                    .value(arn)
                                    .build())
                        .toList())
                .logConfiguration(
                    FisExperimentTemplateLogConfiguration.builder()
                        .logSchemaVersion(2)
                        .cloudwatchLogsConfiguration(
                            FisExperimentTemplateLogConfigurationCloudwatchLogsConfiguration
                                .builder()
                                // FIS takes the log group's ARN with the streams' wildcard.
                                .logGroupArn(log.getArn() + ":*")
                                .build())
                        .build())
                .tags(Map.of("Name", names.of("failover-drill")))
                .build());
  }

  /** What the drill does, as the console lists it. */
  static String description(Names names, Props props) {
    String stop = "stop the primary's instances for " + props.minutes() + " minutes";
    return names.label()
        + " failover drill: "
        + (props.strategy() == Strategy.ACTIVE_ACTIVE
            ? "take the primary out of service (" + stop + "); the secondary carries everything"
            : stop);
  }

  private static FisExperimentTemplateActionParameter parameter(String key, String value) {
    return FisExperimentTemplateActionParameter.builder().key(key).value(value).build();
  }

  /** The template's ID, which {@code aws fis start-experiment} takes. */
  public String templateId() {
    return template.getId();
  }
}
