package io.drstack.docs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.drstack.config.Names;
import io.drstack.support.GeneratedSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The IAM policy that deploys, updates and destroys the stack ({@code help/deploy-policy.json}),
 * and its table in {@code help/security.md}: one statement per concern, each with the reason for
 * any wildcard it holds. Resources are scoped by the stack's names ({@link Names} with the suffix
 * {@code *}, so one policy serves every stack of the account) where their ARNs carry a name, and by
 * the stack's {@code Project} tag where they do not and the service evaluates tags. {@code
 * DeployPolicyTest} fails when either file is stale, and proves the policy against every call the
 * provider makes for the resources of every recorded configuration and example; the emulator tier
 * deploys and destroys the stack with it.
 */
public final class DeployPolicy {
  private DeployPolicy() {}

  public static final Path POLICY = Path.of("help", "deploy-policy.json");
  public static final Path DOCUMENT = Path.of("help", "security.md");
  public static final GeneratedSection SECTION = GeneratedSection.named("deploy-policy");
  public static final String COMMAND =
      ". src/main/scripts/jsii-env.sh && mvn -q test-compile exec:java"
          + " -Dexec.classpathScope=test -Dmain.class=io.drstack.docs.DeployPolicy";

  /** The tag every resource of the stack carries (config/TagRules), which the conditions test. */
  public static final String TAG_KEY = "Project";

  public static final String TAG_VALUE = "dr-stack";

  /** AWS's limit on a managed policy, in characters other than white space. */
  public static final int MANAGED_POLICY_LIMIT = 6144;

  /**
   * One statement: always Allow (moto, the emulator, would read a conditional Deny as
   * unconditional).
   *
   * @param why the reason for its scope, and for every wildcard in it
   */
  public record Grant(
      String sid,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, String>> condition,
      String why) {

    Grant when(String operator, String key, String value) {
      Map<String, Map<String, String>> all = new LinkedHashMap<>(condition);
      all.computeIfAbsent(operator, o -> new LinkedHashMap<>()).put(key, value);
      return new Grant(sid, actions, resources, all, why);
    }

    Grant tagged(String kind) {
      return when("StringEquals", "aws:" + kind + "/" + TAG_KEY, TAG_VALUE);
    }
  }

  private static Grant grant(String sid, List<String> actions, List<String> resources, String why) {
    return new Grant(sid, actions, resources, Map.of(), why);
  }

  private static String arn(String service, String resource) {
    return "arn:aws:" + service + ":*:*:" + resource;
  }

  private static String global(String service, String resource) {
    return "arn:aws:" + service + "::*:" + resource;
  }

  /** Every statement of the policy, in order. */
  public static List<Grant> grants() {
    Names names = new Names("*");
    String named =
        names.of("*"); // dr-*-*: every dr-<what>-<suffix> and dr-<what>-<region>-<suffix>
    String paths = names.path("*"); // /dr/*/*
    List<Grant> grants = new ArrayList<>();
    grants.add(
        grant(
            "ReadEverywhere",
            List.of(
                "ec2:Describe*",
                "ec2:GetManagedPrefixListEntries",
                "ec2:GetSecurityGroupsForVpc",
                "elasticloadbalancing:Describe*",
                "autoscaling:Describe*",
                "cloudwatch:DescribeAlarms",
                "logs:DescribeLogGroups",
                "logs:DescribeResourcePolicies",
                "ssm:DescribeParameters",
                "sns:ListTopics",
                "kms:ListAliases",
                "dynamodb:ListTables",
                "route53:ListHostedZones",
                "route53:GetChange",
                "route53:ListHealthChecks",
                "fis:ListActions",
                "fis:GetAction",
                "arc-region-switch:ListRoute53HealthChecks",
                "sts:GetCallerIdentity"),
            List.of("*"),
            "Reads and lists that AWS authorizes on no resource (their Resource must be `*`); the"
                + " provider reads what it manages with them and the stack's data sources list"
                + " tables and health checks"));
    grants.add(
        grant(
                "KmsCreateKeys",
                List.of("kms:CreateKey"),
                List.of("*"),
                "CreateKey has no resource; the condition holds it to keys created with the stack's"
                    + " tag")
            .tagged("RequestTag"));
    grants.add(
        grant(
                "KmsManageTaggedKeys",
                List.of(
                    "kms:DescribeKey",
                    "kms:GetKeyPolicy",
                    "kms:GetKeyRotationStatus",
                    "kms:ListResourceTags",
                    "kms:PutKeyPolicy",
                    "kms:EnableKeyRotation",
                    "kms:DisableKeyRotation",
                    "kms:UpdateKeyDescription",
                    "kms:TagResource",
                    "kms:UntagResource",
                    "kms:ScheduleKeyDeletion",
                    "kms:CreateAlias",
                    "kms:UpdateAlias",
                    "kms:DeleteAlias"),
                List.of(arn("kms", "key/*")),
                "A key's ARN holds its random ID, not a name: `key/*` with the stack's tag. The"
                    + " key policies give the account (so this policy) administration; DynamoDB's"
                    + " use of the keys for the caller is the key policies' own grant")
            .tagged("ResourceTag"));
    grants.add(
        grant(
            "KmsAliases",
            List.of("kms:CreateAlias", "kms:UpdateAlias", "kms:DeleteAlias"),
            List.of(arn("kms", names.keyAlias())),
            "The stack's alias in every region; an alias also needs the key statement above"));
    grants.add(
        grant(
            "DynamoDbTable",
            List.of(
                "dynamodb:CreateTable",
                "dynamodb:DescribeTable",
                "dynamodb:UpdateTable",
                "dynamodb:DeleteTable",
                "dynamodb:DescribeContinuousBackups",
                "dynamodb:UpdateContinuousBackups",
                "dynamodb:DescribeTimeToLive",
                "dynamodb:UpdateTimeToLive",
                "dynamodb:ListTagsOfResource",
                "dynamodb:TagResource",
                "dynamodb:UntagResource",
                "dynamodb:DescribeKinesisStreamingDestination",
                "dynamodb:DescribeContributorInsights",
                "dynamodb:UpdateContributorInsights",
                "dynamodb:CreateTableReplica",
                "dynamodb:DeleteTableReplica",
                "dynamodb:CreateGlobalTableWitness",
                "dynamodb:DeleteGlobalTableWitness",
                "dynamodb:DescribeTableReplicaAutoScaling",
                "dynamodb:Scan",
                "dynamodb:Query",
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:BatchWriteItem"),
            List.of(arn("dynamodb", "table/" + named), arn("dynamodb", "table/" + named + "/*")),
            "The table by name, in any region (its replicas share it); `/*` for its streams and"
                + " indexes. The item actions are what DynamoDB requires of whoever adds or removes"
                + " a replica"));
    grants.add(
        grant(
                "ServiceLinkedRoles",
                List.of("iam:CreateServiceLinkedRole"),
                List.of(global("iam", "role/aws-service-role/*")),
                "The roles Auto Scaling, Elastic Load Balancing, DynamoDB replication and Global"
                    + " Accelerator create on first use in an account, and only those")
            .when(
                "StringLike",
                "iam:AWSServiceName",
                "autoscaling.amazonaws.com,elasticloadbalancing.amazonaws.com,"
                    + "replication.dynamodb.amazonaws.com,globalaccelerator.amazonaws.com"));
    grants.add(
        grant(
            "IamRolesAndProfiles",
            List.of(
                "iam:CreateRole",
                "iam:GetRole",
                "iam:UpdateRole",
                "iam:UpdateRoleDescription",
                "iam:UpdateAssumeRolePolicy",
                "iam:DeleteRole",
                "iam:TagRole",
                "iam:UntagRole",
                "iam:ListRolePolicies",
                "iam:ListAttachedRolePolicies",
                "iam:ListInstanceProfilesForRole",
                "iam:PutRolePolicy",
                "iam:GetRolePolicy",
                "iam:DeleteRolePolicy",
                "iam:CreateInstanceProfile",
                "iam:GetInstanceProfile",
                "iam:DeleteInstanceProfile",
                "iam:TagInstanceProfile",
                "iam:UntagInstanceProfile",
                "iam:AddRoleToInstanceProfile",
                "iam:RemoveRoleFromInstanceProfile"),
            List.of(global("iam", "role/" + named), global("iam", "instance-profile/" + named)),
            "The stack's roles and instance profiles by name (IAM names are account-wide, so"
                + " they carry the region)"));
    grants.add(
        grant(
                "PassStackRoles",
                List.of("iam:PassRole"),
                List.of(global("iam", "role/" + named)),
                "Only the stack's roles, and only to the services that run them: the instances,"
                    + " the flow logs, the drill and the Region switch plan")
            .when(
                "StringEquals",
                "iam:PassedToService",
                "ec2.amazonaws.com,vpc-flow-logs.amazonaws.com,fis.amazonaws.com,"
                    + "arc-region-switch.amazonaws.com"));
    grants.add(
        grant(
            "SsmParameters",
            List.of(
                "ssm:PutParameter",
                "ssm:GetParameter",
                "ssm:GetParameters",
                "ssm:DeleteParameter",
                "ssm:AddTagsToResource",
                "ssm:RemoveTagsFromResource",
                "ssm:ListTagsForResource"),
            List.of(arn("ssm", "parameter" + paths)),
            "The stack's parameters, under its path"));
    grants.add(
        grant(
            "PublicAmiParameter",
            List.of("ssm:GetParameter"),
            List.of("arn:aws:ssm:*::parameter/aws/service/ami-amazon-linux-latest/*"),
            "AWS's public parameter of the latest Amazon Linux AMI, read when no AMI is pinned"));
    grants.add(
        grant(
            "LogGroups",
            List.of(
                "logs:CreateLogGroup",
                "logs:DeleteLogGroup",
                "logs:PutRetentionPolicy",
                "logs:DeleteRetentionPolicy",
                "logs:AssociateKmsKey",
                "logs:DisassociateKmsKey",
                "logs:TagResource",
                "logs:UntagResource",
                "logs:ListTagsForResource",
                "logs:TagLogGroup",
                "logs:UntagLogGroup",
                "logs:ListTagsLogGroup"),
            List.of(arn("logs", "log-group:" + paths), arn("logs", "log-group:" + paths + ":*")),
            "The stack's log groups, under its path"));
    grants.add(
        grant(
            "VendedLogDelivery",
            List.of(
                "logs:CreateLogDelivery",
                "logs:GetLogDelivery",
                "logs:UpdateLogDelivery",
                "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries",
                "logs:PutResourcePolicy",
                "logs:DeleteResourcePolicy"),
            List.of("*"),
            "The drill's experiment log: FIS delivers it as a vended log, whose actions AWS"
                + " authorizes on no resource"));
    grants.add(
        grant(
            "SnsTopics",
            List.of(
                "sns:CreateTopic",
                "sns:DeleteTopic",
                "sns:GetTopicAttributes",
                "sns:SetTopicAttributes",
                "sns:TagResource",
                "sns:UntagResource",
                "sns:ListTagsForResource",
                "sns:Subscribe",
                "sns:Unsubscribe",
                "sns:GetSubscriptionAttributes",
                "sns:SetSubscriptionAttributes",
                "sns:ListSubscriptionsByTopic"),
            List.of(arn("sns", named), arn("sns", named + ":*")),
            "The stack's topics by name, and their subscriptions (`<topic>:<id>`)"));
    grants.add(
        grant(
            "CloudWatchAlarms",
            List.of(
                "cloudwatch:PutMetricAlarm",
                "cloudwatch:DeleteAlarms",
                "cloudwatch:TagResource",
                "cloudwatch:UntagResource",
                "cloudwatch:ListTagsForResource"),
            List.of(arn("cloudwatch", "alarm:" + named)),
            "The stack's alarms by name"));
    grants.add(
        grant(
            "LoadBalancers",
            List.of(
                "elasticloadbalancing:CreateLoadBalancer",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:SetSubnets",
                "elasticloadbalancing:SetIpAddressType",
                "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:ModifyListenerAttributes",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:RemoveTags"),
            List.of(
                arn("elasticloadbalancing", "loadbalancer/app/" + names.loadBalancer() + "/*"),
                arn("elasticloadbalancing", "targetgroup/" + names.targetGroup() + "/*"),
                arn("elasticloadbalancing", "listener/app/" + names.loadBalancer() + "/*")),
            "The load balancer, target group and listeners by name (`/*`: the IDs AWS appends)"));
    grants.add(
        grant(
            "AutoScalingGroups",
            List.of(
                "autoscaling:CreateAutoScalingGroup",
                "autoscaling:UpdateAutoScalingGroup",
                "autoscaling:DeleteAutoScalingGroup",
                "autoscaling:SetDesiredCapacity",
                "autoscaling:PutScalingPolicy",
                "autoscaling:DeletePolicy",
                "autoscaling:CreateOrUpdateTags",
                "autoscaling:DeleteTags",
                "autoscaling:EnableMetricsCollection",
                "autoscaling:DisableMetricsCollection",
                "autoscaling:SuspendProcesses",
                "autoscaling:ResumeProcesses",
                "autoscaling:AttachLoadBalancerTargetGroups",
                "autoscaling:DetachLoadBalancerTargetGroups",
                "autoscaling:AttachTrafficSources",
                "autoscaling:DetachTrafficSources",
                "autoscaling:StartInstanceRefresh",
                "autoscaling:CancelInstanceRefresh"),
            List.of(arn("autoscaling", "autoScalingGroup:*:autoScalingGroupName/" + named)),
            "The groups by name (`*`: the ID AWS puts before it)"));
    grants.add(
        grant(
            "Ec2Build",
            List.of(
                "ec2:CreateVpc",
                "ec2:ModifyVpcAttribute",
                "ec2:CreateSubnet",
                "ec2:ModifySubnetAttribute",
                "ec2:CreateInternetGateway",
                "ec2:AttachInternetGateway",
                "ec2:CreateRouteTable",
                "ec2:CreateRoute",
                "ec2:ReplaceRoute",
                "ec2:AssociateRouteTable",
                "ec2:CreateSecurityGroup",
                "ec2:AuthorizeSecurityGroupIngress",
                "ec2:AuthorizeSecurityGroupEgress",
                "ec2:RevokeSecurityGroupIngress",
                "ec2:RevokeSecurityGroupEgress",
                "ec2:ModifySecurityGroupRules",
                "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
                "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
                "ec2:CreateVpcEndpoint",
                "ec2:ModifyVpcEndpoint",
                "ec2:CreateLaunchTemplate",
                "ec2:CreateLaunchTemplateVersion",
                "ec2:ModifyLaunchTemplate",
                "ec2:CreateFlowLogs",
                "ec2:CreateTags",
                "ec2:RunInstances"),
            List.of("*"),
            "EC2 resources are named by random IDs, and one call spans several resource types (a"
                + " subnet and its VPC, a rule and its group, the instance, volumes and interfaces"
                + " Auto Scaling launches in the caller's name): scoping them by tag takes one"
                + " statement per resource type of every call, which nothing here can test"
                + " (moto ignores conditions). Creation is therefore not scoped; removal is, below"));
    grants.add(
        grant(
                "Ec2TearDownTagged",
                List.of(
                    "ec2:DeleteVpc",
                    "ec2:DeleteSubnet",
                    "ec2:DeleteInternetGateway",
                    "ec2:DetachInternetGateway",
                    "ec2:DeleteRouteTable",
                    "ec2:DeleteRoute",
                    "ec2:DisassociateRouteTable",
                    "ec2:DeleteSecurityGroup",
                    "ec2:DeleteVpcEndpoints",
                    "ec2:DeleteLaunchTemplate",
                    "ec2:DeleteLaunchTemplateVersions",
                    "ec2:DeleteFlowLogs",
                    "ec2:DeleteTags"),
                List.of("*"),
                "Removal only of what carries the stack's tag (every resource the stack creates"
                    + " carries it: the providers' default tags)")
            .tagged("ResourceTag"));
    grants.add(
        grant(
            "Route53Create",
            List.of("route53:CreateHostedZone", "route53:CreateHealthCheck"),
            List.of("*"),
            "Creating a zone or a health check is authorized on no resource"));
    grants.add(
        grant(
            "Route53Manage",
            List.of(
                "route53:GetHostedZone",
                "route53:DeleteHostedZone",
                "route53:ListResourceRecordSets",
                "route53:ChangeResourceRecordSets",
                "route53:ChangeTagsForResource",
                "route53:ListTagsForResource",
                "route53:GetHealthCheck",
                "route53:UpdateHealthCheck",
                "route53:DeleteHealthCheck"),
            List.of("arn:aws:route53:::hostedzone/*", "arn:aws:route53:::healthcheck/*"),
            "Zones and health checks are named by random IDs, and Route 53 evaluates no tags: any"
                + " zone and health check of the account (a zone of `hostedZoneId` is not the"
                + " stack's own)"));
    grants.add(
        grant(
                "FisCreateTagged",
                List.of("fis:CreateExperimentTemplate", "fis:TagResource"),
                List.of(arn("fis", "experiment-template/*")),
                "The drill's template is named by a random ID: created only with the stack's tag")
            .tagged("RequestTag"));
    grants.add(
        grant(
            "FisActions",
            List.of("fis:CreateExperimentTemplate", "fis:UpdateExperimentTemplate"),
            List.of(arn("fis", "action/aws:ec2:stop-instances")),
            "The one fault action the drill uses"));
    grants.add(
        grant(
                "FisManageTagged",
                List.of(
                    "fis:GetExperimentTemplate",
                    "fis:UpdateExperimentTemplate",
                    "fis:DeleteExperimentTemplate",
                    "fis:TagResource",
                    "fis:UntagResource",
                    "fis:ListTagsForResource"),
                List.of(arn("fis", "experiment-template/*")),
                "Only a template that carries the stack's tag")
            .tagged("ResourceTag"));
    grants.add(
        grant(
                "RegionSwitchCreateTagged",
                List.of("arc-region-switch:CreatePlan", "arc-region-switch:TagResource"),
                List.of(global("arc-region-switch", "plan/*")),
                "The plan's ARN ends in an ID ARC generates: created only with the stack's tag")
            .tagged("RequestTag"));
    grants.add(
        grant(
                "RegionSwitchManageTagged",
                List.of(
                    "arc-region-switch:GetPlan",
                    "arc-region-switch:UpdatePlan",
                    "arc-region-switch:DeletePlan",
                    "arc-region-switch:TagResource",
                    "arc-region-switch:UntagResource",
                    "arc-region-switch:ListTagsForResource"),
                List.of(global("arc-region-switch", "plan/*")),
                "Only a plan that carries the stack's tag")
            .tagged("ResourceTag"));
    grants.add(
        grant(
            "GlobalAccelerator",
            List.of(
                "globalaccelerator:*Accelerator*",
                "globalaccelerator:*Listener",
                "globalaccelerator:*EndpointGroup",
                "globalaccelerator:*Resource"),
            List.of("*"),
            "With `frontDoor` `accelerator`: the accelerator, its listener and endpoint groups, and"
                + " their tags. `*`: CreateAccelerator is authorized on no resource, and the"
                + " policy's size leaves no room for a statement per resource type; every"
                + " accelerator of the account is in reach (the API is us-west-2's)"));
    return grants;
  }

  /** The policy document. */
  public static Map<String, Object> document() {
    List<Map<String, Object>> statements = new ArrayList<>();
    for (Grant grant : grants()) {
      Map<String, Object> statement = new LinkedHashMap<>();
      statement.put("Sid", grant.sid());
      statement.put("Effect", "Allow");
      statement.put("Action", grant.actions());
      statement.put("Resource", grant.resources());
      if (!grant.condition().isEmpty()) {
        Map<String, Object> condition = new LinkedHashMap<>();
        grant
            .condition()
            .forEach(
                (operator, keys) -> {
                  Map<String, Object> values = new LinkedHashMap<>();
                  keys.forEach((key, value) -> values.put(key, List.of(value.split(",", -1))));
                  condition.put(operator, values);
                });
        statement.put("Condition", condition);
      }
      statements.add(statement);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("Version", "2012-10-17");
    document.put("Statement", statements);
    return document;
  }

  /** The policy file's text. */
  public static String json() {
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(document())
          + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The table of {@code help/security.md}, between its markers. */
  public static String table() {
    return "\n<!-- Generated with help/deploy-policy.json; do not edit by hand. Regenerate:\n     "
        + COMMAND
        + " -->\n\n| statement | actions | resources | condition | why |\n"
        + "| --- | --- | --- | --- | --- |\n"
        + grants().stream()
            .map(
                g ->
                    "| "
                        + g.sid()
                        + " | "
                        + g.actions().stream()
                            .map(a -> "`" + a + "`")
                            .collect(Collectors.joining(", "))
                        + " | "
                        + g.resources().stream()
                            .map(r -> "`" + r + "`")
                            .collect(Collectors.joining(", "))
                        + " | "
                        + g.condition().entrySet().stream()
                            .flatMap(
                                o ->
                                    o.getValue().entrySet().stream()
                                        .map(
                                            k ->
                                                "`"
                                                    + k.getKey()
                                                    + "` "
                                                    + o.getKey()
                                                    + " `"
                                                    + k.getValue().replace(",", "`, `")
                                                    + "`"))
                            .collect(Collectors.joining("; "))
                        + " | "
                        + g.why()
                        + " |\n")
            .collect(Collectors.joining())
        + "\n";
  }

  /** Writes the policy file and the table. */
  public static void main(String[] args) throws IOException {
    Files.writeString(POLICY, json(), StandardCharsets.UTF_8);
    String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    Files.writeString(DOCUMENT, SECTION.replace(document, table()), StandardCharsets.UTF_8);
    System.out.println("Wrote " + POLICY + " and its table in " + DOCUMENT);
  }
}
