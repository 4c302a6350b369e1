package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.cloudwatch_log_group.CloudwatchLogGroup;
import com.hashicorp.cdktf.providers.aws.flow_log.FlowLog;
import com.hashicorp.cdktf.providers.aws.flow_log.FlowLogConfig;
import io.drstack.config.Names;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * Flow logs of every packet accepted or rejected in a VPC, kept in a log group encrypted with the
 * region's key: the network evidence an incident review needs. The delivery role may write only to
 * that log group, and only the flow-logs service of this account may assume it.
 */
final class VpcFlowLogs extends Construct {

  /**
   * Inputs of the construct.
   *
   * @param region where the VPC lives
   * @param key the region's key: the log group is encrypted with it
   * @param vpcId the VPC whose traffic is logged
   * @param retentionDays retention of the log group
   */
  record Props(Region region, RegionalKey key, String vpcId, int retentionDays) {}

  VpcFlowLogs(Construct scope, String id, Props props) {
    super(scope, id);
    Region region = props.region();
    Names names = region.names();
    CloudwatchLogGroup logGroup =
        props
            .key()
            .encryptedLogGroup(
                this, "log-group", names.path("vpc-flow-logs"), props.retentionDays());
    // Only this account's flow logs in this region may assume it: the confused-deputy guard.
    Policy.Statement trust =
        Policy.allow("FlowLogsAssumeRole", List.of("sts:AssumeRole"), List.of())
            .principal("Service", "vpc-flow-logs.amazonaws.com")
            .condition("StringEquals", "aws:SourceAccount", region.accountId())
            .condition("ArnLike", "aws:SourceArn", region.arn("ec2", "vpc-flow-log/*"));
    List<Policy.Statement> permissions =
        List.of(
            Policy.allow(
                "WriteFlowLogs",
                List.of("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"),
                List.of(logGroup.getArn(), logGroup.getArn() + ":log-stream:*")),
            Policy.allow(
                "FindLogGroup",
                List.of("logs:DescribeLogGroups"),
                List.of(region.arn("logs", "log-group:*"))));
    Role role =
        new Role(
            this,
            "delivery-role",
            new Role.Props(
                    region,
                    // IAM names are global: the region keeps the two regions' roles apart.
                    names.of("flow-logs", region.name()),
                    "Delivers VPC flow logs of the DR stack in " + region.name(),
                    trust,
                    permissions)
                .keptAs(Addresses.Mode.TRANSPARENT, names.of("flow-logs")));
    new FlowLog(
        this,
        "flow-log",
        FlowLogConfig.builder()
            .provider(region.provider())
            .vpcId(props.vpcId())
            .trafficType("ALL")
            .logDestinationType("cloud-watch-logs")
            .logDestination(logGroup.getArn())
            .iamRoleArn(role.arn())
            .tags(Map.of("Name", names.tag(region.name())))
            .build());
  }
}
