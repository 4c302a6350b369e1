package io.drstack.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.drstack.support.AllStacks;
import io.drstack.support.Examples;
import io.drstack.support.PolicyEvaluator;
import io.drstack.support.PolicyEvaluator.Decision;
import io.drstack.support.PolicyEvaluator.Document;
import io.drstack.support.PolicyEvaluator.Policies;
import io.drstack.support.PolicyEvaluator.Principal;
import io.drstack.support.PolicyEvaluator.Request;
import io.drstack.support.StackPolicies;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The deploy policy ({@code help/deploy-policy.json}) is current, fits IAM, and allows every call
 * the AWS provider makes to create, read, update and delete each resource and read each data source
 * of every recorded configuration and shipped example: with the stack's own names, its tags and its
 * KMS key policies, evaluated by {@link PolicyEvaluator}. A resource type it does not know fails,
 * so a new one brings its permissions with it. The emulator tier proves the action list against
 * moto (docs/maintainers/testing.md).
 */
class DeployPolicyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Principal DEPLOYER =
      Principal.role("arn:aws:iam::" + StackPolicies.ACCOUNT + ":role/platform-deployer");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(aws_[a-z0-9_]+)\\.([^.}]+)\\.");

  @Test
  void committedPolicyAndTableAreCurrent() throws IOException {
    assertEquals(
        DeployPolicy.json(),
        Files.readString(DeployPolicy.POLICY, StandardCharsets.UTF_8),
        DeployPolicy.POLICY + " is outdated; regenerate it with: " + DeployPolicy.COMMAND);
    assertEquals(
        DeployPolicy.table(),
        DeployPolicy.SECTION.current(
            Files.readString(DeployPolicy.DOCUMENT, StandardCharsets.UTF_8)),
        DeployPolicy.DOCUMENT
            + " shows an outdated table; regenerate it with: "
            + DeployPolicy.COMMAND);
  }

  /** IAM's limit on a role's inline policies, white space not counted. */
  @Test
  void fitsARolesInlinePolicy() {
    int length = DeployPolicy.json().replaceAll("\\s", "").length();
    assertTrue(length <= 10_240, "the policy has " + length + " characters; IAM takes 10,240");
  }

  @Test
  void everyStatementSaysWhyAndAllows() {
    for (DeployPolicy.Grant grant : DeployPolicy.grants()) {
      assertTrue(grant.why().length() > 20, grant.sid());
      assertTrue(grant.sid().matches("[A-Za-z0-9]+"), grant.sid());
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void allowsEveryCallOfEachConfiguration(Synthesized stack) throws IOException {
    assertAllowed(stack);
  }

  /** The Global Accelerator front door, which no recorded configuration has yet. */
  @Test
  void allowsEveryCallOfTheAcceleratorFrontDoor() throws IOException {
    assertAllowed(Synthesized.with(Map.of("DR_FRONT_DOOR", "accelerator")));
  }

  @ParameterizedTest
  @ArgumentsSource(Examples.class)
  void allowsEveryCallOfEachExample(Examples.Example example) throws IOException {
    assertAllowed(example.stack());
  }

  /** The evaluation can fail: a policy without one action denies the calls that need it. */
  @Test
  void aPolicyWithoutAnActionDeniesIt() throws IOException {
    Document policy = shipped();
    List<PolicyEvaluator.Statement> without = new ArrayList<>();
    for (PolicyEvaluator.Statement s : policy.statements()) {
      List<String> actions = new ArrayList<>(s.actions());
      actions.remove("dynamodb:CreateTable");
      without.add(
          new PolicyEvaluator.Statement(
              s.sid(), s.allow(), s.principals(), actions, s.resources(), s.conditions()));
    }
    List<String> denied = denials(Synthesized.defaults(), new Document(without));
    assertTrue(
        denied.stream().anyMatch(d -> d.startsWith("dynamodb:CreateTable ")),
        "expected dynamodb:CreateTable to be denied, got " + denied);
  }

  /** A resource of another stack or team, by name or by tag, is out of reach. */
  @Test
  void otherResourcesAreOutOfReach() throws IOException {
    Policies policies = Policies.identityOnly(StackPolicies.ACCOUNT, List.of(shipped()));
    for (String[] call :
        new String[][] {
          {"dynamodb:DeleteTable", StackPolicies.arn("dynamodb", "us-east-1", "table/orders")},
          {"iam:PutRolePolicy", "arn:aws:iam::" + StackPolicies.ACCOUNT + ":role/admin"},
          {"ssm:PutParameter", StackPolicies.arn("ssm", "us-east-1", "parameter/prod/db")},
          {"ec2:DeleteVpc", StackPolicies.arn("ec2", "us-east-1", "vpc/vpc-1")},
          {"kms:ScheduleKeyDeletion", StackPolicies.arn("kms", "us-east-1", "key/k")},
        }) {
      Request request =
          Request.of(DEPLOYER, call[0], call[1]).with("aws:ResourceTag/Project", "billing");
      assertEquals(
          Decision.IMPLICIT_DENY,
          PolicyEvaluator.evaluate(request, policies),
          call[0] + " " + call[1]);
    }
  }

  private static void assertAllowed(Synthesized stack) throws IOException {
    List<String> denied = denials(stack, shipped());
    assertTrue(denied.isEmpty(), "the deploy policy denies:\n" + String.join("\n", denied));
  }

  private static Document shipped() throws IOException {
    return document(JSON.readTree(DeployPolicy.POLICY.toFile()));
  }

  /** The policy file as {@link PolicyEvaluator} reads policies. */
  private static Document document(JsonNode policy) {
    List<PolicyEvaluator.Statement> statements = new ArrayList<>();
    for (JsonNode statement : policy.path("Statement")) {
      List<PolicyEvaluator.Condition> conditions = new ArrayList<>();
      statement
          .path("Condition")
          .fields()
          .forEachRemaining(
              operator ->
                  operator
                      .getValue()
                      .fields()
                      .forEachRemaining(
                          key ->
                              conditions.add(
                                  new PolicyEvaluator.Condition(
                                      operator.getKey(), key.getKey(), strings(key.getValue())))));
      statements.add(
          new PolicyEvaluator.Statement(
              statement.path("Sid").asText(),
              statement.path("Effect").asText().equals("Allow"),
              Map.of(),
              strings(statement.path("Action")),
              strings(statement.path("Resource")),
              conditions));
    }
    return new Document(statements);
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(value -> values.add(value.asText()));
    } else {
      values.add(node.asText());
    }
    return values;
  }

  /** Every call of the stack the policy does not allow, as "action resource". */
  private static List<String> denials(Synthesized stack, Document policy) {
    Calls calls = new Calls(stack);
    for (TfJson.Block block : TfJson.blocks(stack.tree())) {
      calls.of(block);
    }
    List<String> denied = new ArrayList<>();
    for (Call call : calls.all) {
      Policies policies = Policies.identityOnly(StackPolicies.ACCOUNT, List.of(policy));
      if (call.keyPolicy() != null) {
        policies = policies.key(call.keyPolicy());
      }
      if (PolicyEvaluator.evaluate(call.request(), policies) != Decision.ALLOW) {
        denied.add(
            call.request().action() + " " + call.request().resource() + " (" + call.of() + ")");
      }
    }
    return denied;
  }

  private record Call(String of, Request request, Document keyPolicy) {}

  /**
   * The calls the AWS provider (6.x) makes for each type: create, read, update, delete and tag,
   * each on the resource AWS authorizes it on, with the tags the request or the resource carries.
   */
  private static final class Calls {
    private final Synthesized stack;
    private final StackPolicies policies;
    private final List<Call> all = new ArrayList<>();

    Calls(Synthesized stack) {
      this.stack = stack;
      this.policies = new StackPolicies(stack);
    }

    void of(TfJson.Block block) {
      String provider = block.provider().orElse("aws.primary");
      String region = policies.region(provider);
      Map<String, String> tags = tags(block, provider);
      String type = block.type();
      if (block.data()) {
        switch (type) {
          case "aws_caller_identity" -> on(block, "*", tags, "sts:GetCallerIdentity");
          case "aws_partition", "aws_iam_policy_document" -> {}
          case "aws_dynamodb_tables" -> on(block, "*", tags, "dynamodb:ListTables");
          case "aws_arcregionswitch_route53_health_checks" ->
              on(block, "*", tags, "arc-region-switch:ListRoute53HealthChecks");
          case "aws_ssm_parameter" -> {
            String name = policies.resolve(text(block, "name"));
            // AWS's public parameters belong to no account.
            String parameter =
                name.startsWith("/aws/service/")
                    ? "arn:aws:ssm:" + region + "::parameter" + name
                    : arn("ssm", region, "parameter" + name);
            on(block, parameter, tags, "ssm:GetParameter");
          }
          default -> throw new AssertionError("no calls known for data source " + type);
        }
        return;
      }
      switch (type) {
        case "aws_kms_key" -> {
          create(block, "*", tags, "kms:CreateKey");
          Document keyPolicy = policies.keyPolicy(provider);
          for (String action :
              List.of(
                  "kms:DescribeKey",
                  "kms:GetKeyPolicy",
                  "kms:GetKeyRotationStatus",
                  "kms:ListResourceTags",
                  "kms:PutKeyPolicy",
                  "kms:EnableKeyRotation",
                  "kms:TagResource",
                  "kms:ScheduleKeyDeletion")) {
            all.add(
                new Call(
                    block.address(),
                    existing(Request.of(DEPLOYER, action, policies.keyArn(provider)), tags),
                    keyPolicy));
          }
          // DynamoDB's grant on the key, for the table or replica of this region.
          all.add(
              new Call(
                  block.address() + " through DynamoDB",
                  Request.of(DEPLOYER, "kms:CreateGrant", policies.keyArn(provider))
                      .with("kms:ViaService", "dynamodb." + region + ".amazonaws.com")
                      .with("kms:CallerAccount", StackPolicies.ACCOUNT),
                  keyPolicy));
        }
        case "aws_kms_alias" -> {
          on(
              block,
              arn("kms", region, text(block, "name")),
              tags,
              "kms:CreateAlias",
              "kms:DeleteAlias");
          for (String action : List.of("kms:CreateAlias", "kms:DeleteAlias")) {
            all.add(
                new Call(
                    block.address(),
                    existing(Request.of(DEPLOYER, action, policies.keyArn(provider)), tags),
                    policies.keyPolicy(provider)));
          }
          on(block, "*", tags, "kms:ListAliases");
        }
        case "aws_dynamodb_table" -> {
          String name = text(block, "name");
          List<String> regions = new ArrayList<>(List.of(region));
          for (JsonNode replica : block.body().path("replica")) {
            regions.add(replica.path("region_name").asText());
          }
          for (String where : regions) {
            String table = arn("dynamodb", where, "table/" + name);
            create(block, table, tags, "dynamodb:CreateTable", "dynamodb:CreateTableReplica");
            on(
                block,
                table,
                tags,
                "dynamodb:DescribeTable",
                "dynamodb:UpdateTable",
                "dynamodb:DeleteTable",
                "dynamodb:DescribeContinuousBackups",
                "dynamodb:UpdateContinuousBackups",
                "dynamodb:DescribeTimeToLive",
                "dynamodb:UpdateTimeToLive",
                "dynamodb:ListTagsOfResource",
                "dynamodb:TagResource",
                "dynamodb:DescribeKinesisStreamingDestination",
                "dynamodb:DeleteTableReplica",
                "dynamodb:Scan",
                "dynamodb:PutItem");
          }
          on(
              block,
              serviceLinkedRole("replication.dynamodb.amazonaws.com"),
              tags,
              "iam:CreateServiceLinkedRole");
        }
        case "aws_dynamodb_contributor_insights" ->
            on(
                block,
                arn("dynamodb", region, "table/" + referencedName(block, "table_name")),
                tags,
                "dynamodb:UpdateContributorInsights",
                "dynamodb:DescribeContributorInsights");
        case "aws_iam_role" ->
            on(
                block,
                iam("role/" + text(block, "name")),
                tags,
                "iam:CreateRole",
                "iam:GetRole",
                "iam:TagRole",
                "iam:UpdateAssumeRolePolicy",
                "iam:ListRolePolicies",
                "iam:ListAttachedRolePolicies",
                "iam:ListInstanceProfilesForRole",
                "iam:DeleteRole");
        case "aws_iam_role_policy" ->
            on(
                block,
                iam("role/" + policies.resolve(text(block, "role"))),
                tags,
                "iam:PutRolePolicy",
                "iam:GetRolePolicy",
                "iam:DeleteRolePolicy");
        case "aws_iam_instance_profile" -> {
          on(
              block,
              iam("instance-profile/" + text(block, "name")),
              tags,
              "iam:CreateInstanceProfile",
              "iam:GetInstanceProfile",
              "iam:TagInstanceProfile",
              "iam:AddRoleToInstanceProfile",
              "iam:RemoveRoleFromInstanceProfile",
              "iam:DeleteInstanceProfile");
          passRole(block, policies.resolve(text(block, "role")), "ec2.amazonaws.com");
        }
        case "aws_ssm_parameter" ->
            on(
                block,
                arn("ssm", region, "parameter" + text(block, "name")),
                tags,
                "ssm:PutParameter",
                "ssm:GetParameter",
                "ssm:AddTagsToResource",
                "ssm:ListTagsForResource",
                "ssm:DeleteParameter");
        case "aws_cloudwatch_log_group" ->
            on(
                block,
                arn("logs", region, "log-group:" + text(block, "name")),
                tags,
                "logs:CreateLogGroup",
                "logs:PutRetentionPolicy",
                "logs:TagResource",
                "logs:ListTagsForResource",
                "logs:DeleteLogGroup");
        case "aws_sns_topic" ->
            on(
                block,
                arn("sns", region, text(block, "name")),
                tags,
                "sns:CreateTopic",
                "sns:GetTopicAttributes",
                "sns:SetTopicAttributes",
                "sns:TagResource",
                "sns:ListTagsForResource",
                "sns:DeleteTopic");
        case "aws_sns_topic_policy" ->
            on(
                block,
                arn("sns", region, referencedName(block, "arn")),
                tags,
                "sns:SetTopicAttributes",
                "sns:GetTopicAttributes");
        case "aws_sns_topic_subscription" -> {
          String topic = arn("sns", region, referencedName(block, "topic_arn"));
          on(block, topic, tags, "sns:Subscribe");
          on(
              block,
              topic + ":0a1b2c3d",
              tags,
              "sns:GetSubscriptionAttributes",
              "sns:SetSubscriptionAttributes",
              "sns:Unsubscribe");
        }
        case "aws_cloudwatch_metric_alarm" ->
            on(
                block,
                arn("cloudwatch", region, "alarm:" + policies.resolve(text(block, "alarm_name"))),
                tags,
                "cloudwatch:PutMetricAlarm",
                "cloudwatch:TagResource",
                "cloudwatch:ListTagsForResource",
                "cloudwatch:DeleteAlarms");
        case "aws_lb" -> {
          on(
              block,
              arn(
                  "elasticloadbalancing",
                  region,
                  "loadbalancer/app/" + text(block, "name") + "/50dc6c495c0c9188"),
              tags,
              "elasticloadbalancing:CreateLoadBalancer",
              "elasticloadbalancing:AddTags",
              "elasticloadbalancing:ModifyLoadBalancerAttributes",
              "elasticloadbalancing:SetSecurityGroups",
              "elasticloadbalancing:DeleteLoadBalancer");
          // AWS's GlobalAcceleratorFullAccess pairs the API with this read of the endpoints.
          on(block, "*", tags, "elasticloadbalancing:DescribeLoadBalancers");
          on(
              block,
              serviceLinkedRole("elasticloadbalancing.amazonaws.com"),
              tags,
              "iam:CreateServiceLinkedRole");
        }
        case "aws_lb_target_group" ->
            on(
                block,
                arn(
                    "elasticloadbalancing",
                    region,
                    "targetgroup/" + text(block, "name") + "/73e2d6bc24d8a067"),
                tags,
                "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:DeleteTargetGroup");
        case "aws_lb_listener" ->
            on(
                block,
                arn(
                    "elasticloadbalancing",
                    region,
                    "listener/app/"
                        + referencedName(block, "load_balancer_arn")
                        + "/50dc6c495c0c9188/f2f7dc8efc522ab2"),
                tags,
                "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:DeleteListener");
        case "aws_autoscaling_group" -> {
          String group =
              arn(
                  "autoscaling",
                  region,
                  "autoScalingGroup:1e2f:autoScalingGroupName/" + text(block, "name"));
          on(
              block,
              group,
              tags,
              "autoscaling:CreateAutoScalingGroup",
              "autoscaling:UpdateAutoScalingGroup",
              "autoscaling:CreateOrUpdateTags",
              "autoscaling:DeleteAutoScalingGroup");
          on(block, "*", tags, "autoscaling:DescribeAutoScalingGroups", "ec2:RunInstances");
          on(
              block,
              serviceLinkedRole("autoscaling.amazonaws.com"),
              tags,
              "iam:CreateServiceLinkedRole");
        }
        case "aws_autoscaling_policy" ->
            on(
                block,
                arn(
                    "autoscaling",
                    region,
                    "autoScalingGroup:1e2f:autoScalingGroupName/"
                        + referencedName(block, "autoscaling_group_name")),
                tags,
                "autoscaling:PutScalingPolicy",
                "autoscaling:DeletePolicy");
        case "aws_vpc" ->
            ec2(
                block,
                region,
                tags,
                "vpc",
                "ec2:CreateVpc",
                "ec2:ModifyVpcAttribute",
                "ec2:DeleteVpc");
        case "aws_subnet" ->
            ec2(
                block,
                region,
                tags,
                "subnet",
                "ec2:CreateSubnet",
                "ec2:ModifySubnetAttribute",
                "ec2:DeleteSubnet");
        case "aws_internet_gateway" ->
            ec2(
                block,
                region,
                tags,
                "internet-gateway",
                "ec2:CreateInternetGateway",
                "ec2:AttachInternetGateway",
                "ec2:DetachInternetGateway",
                "ec2:DeleteInternetGateway");
        case "aws_route_table" ->
            ec2(block, region, tags, "route-table", "ec2:CreateRouteTable", "ec2:DeleteRouteTable");
        case "aws_route" ->
            ec2(block, region, tags, "route-table", "ec2:CreateRoute", "ec2:DeleteRoute");
        case "aws_route_table_association" ->
            ec2(
                block,
                region,
                tags,
                "route-table",
                "ec2:AssociateRouteTable",
                "ec2:DisassociateRouteTable");
        case "aws_security_group" ->
            ec2(
                block,
                region,
                tags,
                "security-group",
                "ec2:CreateSecurityGroup",
                "ec2:RevokeSecurityGroupEgress",
                "ec2:DeleteSecurityGroup");
        case "aws_default_security_group" ->
            ec2(
                block,
                region,
                tags,
                "security-group",
                "ec2:CreateTags",
                "ec2:RevokeSecurityGroupIngress",
                "ec2:RevokeSecurityGroupEgress");
        case "aws_vpc_security_group_ingress_rule" ->
            ec2(
                block,
                region,
                tags,
                "security-group-rule",
                "ec2:AuthorizeSecurityGroupIngress",
                "ec2:RevokeSecurityGroupIngress");
        case "aws_vpc_security_group_egress_rule" ->
            ec2(
                block,
                region,
                tags,
                "security-group-rule",
                "ec2:AuthorizeSecurityGroupEgress",
                "ec2:RevokeSecurityGroupEgress");
        case "aws_vpc_endpoint" ->
            ec2(
                block,
                region,
                tags,
                "vpc-endpoint",
                "ec2:CreateVpcEndpoint",
                "ec2:ModifyVpcEndpoint",
                "ec2:DeleteVpcEndpoints");
        case "aws_launch_template" ->
            ec2(
                block,
                region,
                tags,
                "launch-template",
                "ec2:CreateLaunchTemplate",
                "ec2:CreateLaunchTemplateVersion",
                "ec2:ModifyLaunchTemplate",
                "ec2:DeleteLaunchTemplate");
        case "aws_flow_log" -> {
          ec2(block, region, tags, "vpc-flow-log", "ec2:CreateFlowLogs", "ec2:DeleteFlowLogs");
          passRole(block, referencedName(block, "iam_role_arn"), "vpc-flow-logs.amazonaws.com");
        }
        case "aws_route53_zone" -> {
          create(block, "*", tags, "route53:CreateHostedZone");
          on(
              block,
              "arn:aws:route53:::hostedzone/Z0123456789ABC",
              tags,
              "route53:GetHostedZone",
              "route53:ListResourceRecordSets",
              "route53:ChangeTagsForResource",
              "route53:ListTagsForResource",
              "route53:DeleteHostedZone");
        }
        case "aws_route53_record" -> {
          on(
              block,
              "arn:aws:route53:::hostedzone/Z0123456789ABC",
              tags,
              "route53:ChangeResourceRecordSets",
              "route53:ListResourceRecordSets");
          on(block, "*", tags, "route53:GetChange");
        }
        case "aws_route53_health_check" -> {
          create(block, "*", tags, "route53:CreateHealthCheck");
          on(
              block,
              "arn:aws:route53:::healthcheck/4f2a6b0c",
              tags,
              "route53:GetHealthCheck",
              "route53:UpdateHealthCheck",
              "route53:ChangeTagsForResource",
              "route53:ListTagsForResource",
              "route53:DeleteHealthCheck");
        }
        case "aws_fis_experiment_template" -> {
          String template = arn("fis", region, "experiment-template/EXT1a2b3c");
          create(block, template, tags, "fis:CreateExperimentTemplate");
          for (JsonNode action : block.body().path("action")) {
            on(
                block,
                arn("fis", region, "action/" + action.path("action_id").asText()),
                tags,
                "fis:CreateExperimentTemplate",
                "fis:UpdateExperimentTemplate");
          }
          on(
              block,
              template,
              tags,
              "fis:GetExperimentTemplate",
              "fis:UpdateExperimentTemplate",
              "fis:ListTagsForResource",
              "fis:DeleteExperimentTemplate");
          on(
              block,
              "*",
              tags,
              "logs:CreateLogDelivery",
              "logs:PutResourcePolicy",
              "logs:DescribeResourcePolicies",
              "logs:DescribeLogGroups");
          passRole(block, referencedName(block, "role_arn"), "fis.amazonaws.com");
        }
        case "aws_arcregionswitch_plan" -> {
          String plan =
              "arn:aws:arc-region-switch::"
                  + StackPolicies.ACCOUNT
                  + ":plan/"
                  + text(block, "name")
                  + ":a1b2c3";
          create(
              block, plan, tags, "arc-region-switch:CreatePlan", "arc-region-switch:TagResource");
          on(
              block,
              plan,
              tags,
              "arc-region-switch:GetPlan",
              "arc-region-switch:UpdatePlan",
              "arc-region-switch:ListTagsForResource",
              "arc-region-switch:DeletePlan");
          passRole(
              block, referencedName(block, "execution_role"), "arc-region-switch.amazonaws.com");
        }
        case "aws_globalaccelerator_accelerator" -> {
          create(block, "*", tags, "globalaccelerator:CreateAccelerator");
          on(
              block,
              accelerator(""),
              tags,
              "globalaccelerator:DescribeAccelerator",
              "globalaccelerator:DescribeAcceleratorAttributes",
              "globalaccelerator:UpdateAccelerator",
              "globalaccelerator:UpdateAcceleratorAttributes",
              "globalaccelerator:ListTagsForResource",
              "globalaccelerator:TagResource",
              "globalaccelerator:UntagResource",
              "globalaccelerator:DeleteAccelerator");
        }
        case "aws_globalaccelerator_listener" -> {
          // Listeners and endpoint groups carry no tags of their own: IAM reads the accelerator's,
          // which are the provider's default tags, as here.
          on(block, accelerator(""), tags, "globalaccelerator:CreateListener");
          on(
              block,
              accelerator("/listener/0123abcd"),
              tags,
              "globalaccelerator:DescribeListener",
              "globalaccelerator:UpdateListener",
              "globalaccelerator:DeleteListener");
        }
        case "aws_globalaccelerator_endpoint_group" -> {
          on(
              block,
              accelerator("/listener/0123abcd"),
              tags,
              "globalaccelerator:CreateEndpointGroup");
          on(
              block,
              accelerator("/listener/0123abcd/endpoint-group/4567ef01"),
              tags,
              "globalaccelerator:DescribeEndpointGroup",
              "globalaccelerator:UpdateEndpointGroup",
              "globalaccelerator:DeleteEndpointGroup");
          // AWS's GlobalAcceleratorFullAccess pairs the API with this read of the endpoints.
          on(block, "*", tags, "elasticloadbalancing:DescribeLoadBalancers");
          on(
              block,
              serviceLinkedRole("globalaccelerator.amazonaws.com"),
              tags,
              "iam:CreateServiceLinkedRole");
        }
        default -> throw new AssertionError("no calls known for resource " + type);
      }
    }

    /** The stack's accelerator (its ID is AWS's), or a part of it. */
    private static String accelerator(String part) {
      return "arn:aws:globalaccelerator::"
          + StackPolicies.ACCOUNT
          + ":accelerator/1234abcd-abcd-1234-abcd-1234abcd1234"
          + part;
    }

    /** An EC2 resource: created untagged in the policy's eyes, removed only with the tag. */
    private void ec2(
        TfJson.Block block,
        String region,
        Map<String, String> tags,
        String kind,
        String... actions) {
      String resource = arn("ec2", region, kind + "/" + kind.replace("-", "") + "-0a1b2c3d");
      for (String action : actions) {
        all.add(
            new Call(
                block.address(), existing(Request.of(DEPLOYER, action, resource), tags), null));
      }
    }

    private void passRole(TfJson.Block block, String role, String service) {
      all.add(
          new Call(
              block.address(),
              Request.of(DEPLOYER, "iam:PassRole", iam("role/" + role))
                  .with("iam:PassedToService", service),
              null));
    }

    /** Calls on a resource that exists: it carries its tags. */
    private void on(
        TfJson.Block block, String resource, Map<String, String> tags, String... actions) {
      for (String action : actions) {
        Request request = existing(Request.of(DEPLOYER, action, resource), tags);
        if (action.equals("iam:CreateServiceLinkedRole")) {
          request =
              request.with(
                  "iam:AWSServiceName",
                  resource.replaceAll(".*/aws-service-role/([^/]+)/.*", "$1"));
        }
        all.add(new Call(block.address(), request, null));
      }
    }

    /** Calls that create a resource: the request carries its tags. */
    private void create(
        TfJson.Block block, String resource, Map<String, String> tags, String... actions) {
      for (String action : actions) {
        Request request = Request.of(DEPLOYER, action, resource);
        for (Map.Entry<String, String> tag : tags.entrySet()) {
          request = request.with("aws:RequestTag/" + tag.getKey(), tag.getValue());
        }
        all.add(new Call(block.address(), request, null));
      }
    }

    private static Request existing(Request request, Map<String, String> tags) {
      for (Map.Entry<String, String> tag : tags.entrySet()) {
        request = request.with("aws:ResourceTag/" + tag.getKey(), tag.getValue());
      }
      return request;
    }

    /** The provider's default tags and the block's own. */
    private Map<String, String> tags(TfJson.Block block, String provider) {
      Map<String, String> tags = new LinkedHashMap<>();
      for (JsonNode aws : stack.tree().path("provider").path("aws")) {
        if (("aws." + aws.path("alias").asText()).equals(provider)) {
          aws.path("default_tags")
              .forEach(
                  d ->
                      d.path("tags")
                          .fields()
                          .forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText())));
        }
      }
      block
          .body()
          .path("tags")
          .fields()
          .forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
      return tags;
    }

    private String text(TfJson.Block block, String attribute) {
      return policies.resolve(block.body().path(attribute).asText());
    }

    /** The name of the resource an attribute refers to, or names. */
    private String referencedName(TfJson.Block block, String attribute) {
      String expression = block.body().path(attribute).asText();
      if (!expression.contains("${")) {
        return expression;
      }
      Matcher m = REFERENCE.matcher(expression);
      if (!m.find()) {
        throw new AssertionError(block + "." + attribute + " refers to nothing: " + expression);
      }
      return policies.resolve(stack.resources(m.group(1)).get(m.group(2)).path("name").asText());
    }

    private static String arn(String service, String region, String resource) {
      return StackPolicies.arn(service, region, resource);
    }

    private static String iam(String resource) {
      return "arn:aws:iam::" + StackPolicies.ACCOUNT + ":" + resource;
    }

    private static String serviceLinkedRole(String service) {
      return iam("role/aws-service-role/" + service + "/AWSServiceRole");
    }
  }
}
