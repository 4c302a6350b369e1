package io.drstack;

import static io.drstack.support.PolicyEvaluator.Decision.ALLOW;
import static io.drstack.support.StackPolicies.ACCOUNT;
import static io.drstack.support.StackPolicies.arn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drstack.config.Names;
import io.drstack.config.TargetHealth;
import io.drstack.support.AllStacks;
import io.drstack.support.PolicyEvaluator;
import io.drstack.support.PolicyEvaluator.Decision;
import io.drstack.support.PolicyEvaluator.Document;
import io.drstack.support.PolicyEvaluator.Policies;
import io.drstack.support.PolicyEvaluator.Principal;
import io.drstack.support.PolicyEvaluator.Request;
import io.drstack.support.StackJson;
import io.drstack.support.StackPolicies;
import io.drstack.support.Synthesized;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Every call the instances (the canary, the application's log shipping, package installs, Session
 * Manager) and the services acting for the stack make, evaluated against the synthesized identity,
 * key, resource and endpoint policies together, as AWS would: each is allowed, and the calls next
 * to them that the stack does not need (another table, another region's key, a key used outside
 * DynamoDB, another account, a write through the S3 endpoint) are denied. The emulator enforces
 * none of this.
 */
class DataPathPermissionsTest {
  private static final String OTHER_ACCOUNT = "444455556666";
  private static final String INSTANCE = "i-0123456789abcdef0";

  /** One evaluated call: what it is, and what AWS decided. */
  private record Call(String what, Decision expected, Decision decided) {}

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void everyCallOfTheDataPathIsAllowedAndNothingNextToIt(Synthesized stack) {
    StackPolicies policies = new StackPolicies(stack);
    List<Call> calls = new ArrayList<>();
    for (String provider : StackJson.SERVICE_PROVIDERS) {
      instanceCalls(stack, policies, provider, calls);
      serviceCalls(policies, provider, calls);
    }
    assertNoSurprise(calls);
  }

  /**
   * The other users of the keys: Auto Scaling's service-linked role for the instances' encrypted
   * volumes, and the drill's role starting stopped instances (EC2 asks for a grant as that role).
   */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void volumesOfTheInstancesCanUseTheirKey(Synthesized stack) {
    StackPolicies policies = new StackPolicies(stack);
    List<Call> calls = new ArrayList<>();
    Principal autoScaling =
        Principal.role(
            "arn:aws:iam::"
                + ACCOUNT
                + ":role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling");
    for (String provider : StackJson.SERVICE_PROVIDERS) {
      String key = policies.keyArn(provider);
      Policies keyOnly =
          new Policies(
              List.of(),
              ACCOUNT,
              Optional.of(policies.keyPolicy(provider)),
              true,
              Optional.empty());
      for (String action : List.of("kms:GenerateDataKeyWithoutPlaintext", "kms:Decrypt")) {
        expect(
            calls,
            ALLOW,
            Request.of(autoScaling, action, key).with("kms:CallerAccount", ACCOUNT),
            keyOnly);
      }
      Request grant =
          Request.of(autoScaling, "kms:CreateGrant", key).with("kms:CallerAccount", ACCOUNT);
      expect(calls, ALLOW, grant.with("kms:GrantIsForAWSResource", "true"), keyOnly);
      expect(calls, DENY, grant, keyOnly);
    }
    if (stack.config().rehearsal().drill()) {
      String primary = policies.region("aws.primary");
      String roleName = stack.names().of("failover-drill", primary);
      Principal drill = Principal.role("arn:aws:iam::" + ACCOUNT + ":role/" + roleName);
      Policies drillAndKey =
          Policies.identityOnly(ACCOUNT, List.of(policies.rolePolicy(roleName)))
              .key(policies.keyPolicy("aws.primary"));
      Request grant =
          Request.of(drill, "kms:CreateGrant", policies.keyArn("aws.primary"))
              .with("kms:ViaService", "ec2." + primary + ".amazonaws.com")
              .with("kms:CallerAccount", ACCOUNT);
      expect(calls, ALLOW, grant.with("kms:GrantIsForAWSResource", "true"), drillAndKey);
      expect(
          calls,
          DENY,
          grant.with("kms:GrantIsForAWSResource", "true").without("kms:ViaService"),
          drillAndKey);
      expect(
          calls,
          DENY,
          Request.of(drill, "kms:Decrypt", policies.keyArn("aws.primary")),
          drillAndKey);
      // Stop and start: the primary's instances, by their Name tag and their instance profile.
      // A Name tag forged on another instance (anyone with ec2:CreateTags) is not enough.
      String suffix = stack.config().environmentSuffix();
      Policies drillOnly = Policies.identityOnly(ACCOUNT, List.of(policies.rolePolicy(roleName)));
      String profile =
          "arn:aws:iam::" + ACCOUNT + ":instance-profile/dr-app-" + primary + "-" + suffix;
      for (String action : List.of("ec2:StopInstances", "ec2:StartInstances")) {
        Request primaryInstance =
            Request.of(drill, action, arn("ec2", primary, "instance/i-0123456789abcdef0"))
                .with("aws:ResourceTag/Name", "dr-app-" + suffix)
                .with("ec2:InstanceProfile", profile);
        expect(calls, ALLOW, primaryInstance, drillOnly);
        expect(
            calls,
            DENY,
            primaryInstance.with(
                "ec2:InstanceProfile", "arn:aws:iam::" + ACCOUNT + ":instance-profile/other"),
            drillOnly);
        expect(calls, DENY, primaryInstance.without("ec2:InstanceProfile"), drillOnly);
        expect(calls, DENY, primaryInstance.with("aws:ResourceTag/Name", "other"), drillOnly);
      }
    }
    assertNoSurprise(calls);
  }

  /**
   * The heartbeat key the policies are written for is the one the canary writes: a partition key of
   * {@code dr-canary#<its region>}.
   */
  @Test
  void theCanaryWritesTheHeartbeatKeyThePoliciesNameForItsRegion() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/canary/dr_canary.py")) {
      String code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(code.contains("\"dr-canary#\" + region"), "the canary's key layout changed");
      assertTrue(code.contains("self.key(self.region)"), "the canary writes its own region's key");
    }
  }

  /**
   * Under Global Accelerator the instances' calls are the same, the readiness read among them: the
   * readiness code adds no permission.
   */
  @Test
  void theReadinessReadIsAllowedAndNothingNextToItUnderTheAccelerator() {
    Synthesized stack = Synthesized.with(Map.of("DR_FRONT_DOOR", "accelerator"));
    StackPolicies policies = new StackPolicies(stack);
    List<Call> calls = new ArrayList<>();
    for (String provider : StackJson.SERVICE_PROVIDERS) {
      instanceCalls(stack, policies, provider, calls);
      assertEquals(
          new StackPolicies(Synthesized.defaults()).instancePolicy(provider),
          policies.instancePolicy(provider),
          provider);
    }
    assertNoSurprise(calls);
  }

  /** Each service may assume its role only for this account's resources of that service. */
  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void servicesAssumeTheirRolesOnlyForThisAccount(Synthesized stack) {
    StackPolicies policies = new StackPolicies(stack);
    Names names = stack.names();
    List<Call> calls = new ArrayList<>();
    for (String provider : StackJson.SERVICE_PROVIDERS) {
      String region = policies.region(provider);
      trust(
          calls,
          policies.trustPolicy(names.of("flow-logs", region)),
          "vpc-flow-logs.amazonaws.com",
          "ec2",
          region,
          "vpc-flow-log/fl-0123456789abcdef0");
    }
    String primary = policies.region("aws.primary");
    if (stack.config().rehearsal().drill()) {
      trust(
          calls,
          policies.trustPolicy(names.of("failover-drill", primary)),
          "fis.amazonaws.com",
          "fis",
          primary,
          "experiment/EXP0123456789abcdef");
    }
    if (stack.config().rehearsal().regionSwitchPlan()) {
      Document arc = policies.trustPolicy(names.of("region-switch", "execution"));
      Principal service = Principal.service("arc-region-switch.amazonaws.com");
      expect(
          calls,
          ALLOW,
          Request.of(service, "sts:AssumeRole", "*").with("aws:SourceAccount", ACCOUNT),
          resourceOnly(arc));
      expect(
          calls,
          DENY,
          Request.of(service, "sts:AssumeRole", "*").with("aws:SourceAccount", OTHER_ACCOUNT),
          resourceOnly(arc));
    }
    assertNoSurprise(calls);
  }

  private static void trust(
      List<Call> calls,
      Document trust,
      String service,
      String arnService,
      String region,
      String resource) {
    Principal principal = Principal.service(service);
    Request own =
        Request.of(principal, "sts:AssumeRole", "*")
            .with("aws:SourceAccount", ACCOUNT)
            .with("aws:SourceArn", arn(arnService, region, resource));
    expect(calls, ALLOW, own, resourceOnly(trust));
    expect(
        calls,
        DENY,
        own.with("aws:SourceAccount", OTHER_ACCOUNT)
            .with(
                "aws:SourceArn",
                "arn:aws:" + arnService + ":" + region + ":" + OTHER_ACCOUNT + ":" + resource),
        resourceOnly(trust));
    // This account, another service's resource: not this role's business.
    expect(
        calls,
        DENY,
        own.with("aws:SourceArn", arn("sns", region, "some-topic")),
        resourceOnly(trust));
  }

  private static Policies resourceOnly(Document policy) {
    return new Policies(List.of(), ACCOUNT, Optional.of(policy), false, Optional.empty());
  }

  private static void assertNoSurprise(List<Call> calls) {
    List<String> wrong =
        calls.stream()
            .filter(call -> call.expected() != call.decided())
            .map(c -> c.what() + ": expected " + c.expected() + ", AWS would say " + c.decided())
            .toList();
    assertFalse(calls.isEmpty());
    assertEquals(List.of(), wrong, String.join("\n", wrong));
  }

  private static void instanceCalls(
      Synthesized stack, StackPolicies policies, String provider, List<Call> calls) {
    String region = policies.region(provider);
    String peer = policies.region(StackJson.otherServiceProvider(provider));
    Principal role = policies.instanceRole(provider);
    Principal stranger =
        Principal.role(
            "arn:aws:iam::"
                + OTHER_ACCOUNT
                + ":role/"
                + role.arn().substring(role.arn().indexOf('/') + 1));
    Document identity = policies.instancePolicy(provider);
    String table = policies.tableArn(provider);
    String key = policies.keyArn(provider);
    String heartbeat = "dr-canary#" + region;

    // The canary: its own heartbeat written, the peer's read, both through the DynamoDB endpoint,
    // and DynamoDB using the region's key as the caller for each.
    Document dynamodbEndpoint = policies.endpointPolicy(provider, "dynamodb");
    Policies data = own(identity).through(dynamodbEndpoint);
    expect(
        calls, ALLOW, Request.of(role, "dynamodb:PutItem", table).with(LEADING, heartbeat), data);
    expect(
        calls,
        ALLOW,
        Request.of(role, "dynamodb:GetItem", table).with(LEADING, "dr-canary#" + peer),
        data);
    Policies keyOfRegion = own(identity).key(policies.keyPolicy(provider));
    for (String action : List.of("kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey")) {
      expect(calls, ALLOW, viaDynamoDb(role, action, key, region), keyOfRegion);
      // Not outside DynamoDB, not another region's key, not another account.
      expect(
          calls,
          DENY,
          Request.of(role, action, key).with("kms:CallerAccount", ACCOUNT),
          keyOfRegion);
      expect(
          calls,
          DENY,
          viaDynamoDb(
              role, action, policies.keyArn(StackJson.otherServiceProvider(provider)), region),
          own(identity).key(policies.keyPolicy(StackJson.otherServiceProvider(provider))));
      expect(
          calls,
          DENY,
          viaDynamoDb(stranger, action, key, region),
          new Policies(
              List.of(everything()),
              ACCOUNT,
              Optional.of(policies.keyPolicy(provider)),
              true,
              Optional.empty()));
    }
    expect(
        calls,
        DENY,
        Request.of(role, "dynamodb:PutItem", table).with(LEADING, "dr-canary#" + peer),
        data);
    expect(
        calls,
        DENY,
        Request.of(role, "dynamodb:GetItem", arn("dynamodb", region, "table/another"))
            .with(LEADING, heartbeat),
        data);
    expect(
        calls, DENY, Request.of(role, "dynamodb:DeleteItem", table).with(LEADING, heartbeat), data);
    expect(
        calls,
        DENY,
        Request.of(stranger, "dynamodb:GetItem", table).with(LEADING, heartbeat),
        new Policies(
            List.of(everything()),
            ACCOUNT,
            Optional.empty(),
            false,
            Optional.of(dynamodbEndpoint)));

    // Readiness: an instance reads the out-of-service items (partition key only: the sort key, a
    // region, is no condition key) through the endpoint, and neither writes nor deletes one: only
    // the on-call takes a region out or brings it back.
    String outOfService = TargetHealth.OUT_OF_SERVICE_KEY;
    expect(
        calls,
        ALLOW,
        Request.of(role, "dynamodb:GetItem", table).with(LEADING, outOfService),
        data);
    for (String action :
        List.of("dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:UpdateItem")) {
      expect(calls, DENY, Request.of(role, action, table).with(LEADING, outOfService), data);
    }
    expect(
        calls,
        DENY,
        Request.of(
                role,
                "dynamodb:GetItem",
                policies.tableArn(StackJson.otherServiceProvider(provider)))
            .with(LEADING, outOfService),
        data);

    if (stack.config().canary().enabled()) {
      expect(
          calls,
          ALLOW,
          Request.of(role, "cloudwatch:PutMetricData", "*")
              .with("cloudwatch:namespace", stack.config().canary().namespace()),
          own(identity).through(policies.endpointPolicy(provider, "monitoring")));
    }

    // The application's log, shipped by the CloudWatch agent through the logs endpoint; CloudWatch
    // Logs encrypts it with the region's key as itself, for the stack's log groups only.
    String appLog = policies.logGroupArn(provider, stack.names().path("app"));
    Policies logs = own(identity).through(policies.endpointPolicy(provider, "logs"));
    expect(
        calls,
        ALLOW,
        Request.of(role, "logs:CreateLogStream", appLog + ":log-stream:" + INSTANCE),
        logs);
    expect(
        calls,
        ALLOW,
        Request.of(role, "logs:PutLogEvents", appLog + ":log-stream:" + INSTANCE),
        logs);
    expect(calls, ALLOW, Request.of(role, "logs:DescribeLogStreams", appLog), logs);
    Principal logsService = Principal.service("logs." + region + ".amazonaws.com");
    Policies keyForServices =
        new Policies(
            List.of(), ACCOUNT, Optional.of(policies.keyPolicy(provider)), true, Optional.empty());
    for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
      expect(
          calls,
          ALLOW,
          Request.of(logsService, action, key).with(LOGS_CONTEXT, appLog),
          keyForServices);
      expect(
          calls,
          DENY,
          Request.of(logsService, action, key)
              .with(LOGS_CONTEXT, policies.logGroupArn(provider, "/someone-else/log")),
          keyForServices);
    }
    String foreignLog =
        "arn:aws:logs:" + region + ":" + OTHER_ACCOUNT + ":log-group:x:log-stream:y";
    expect(
        calls,
        DENY,
        Request.of(stranger, "logs:PutLogEvents", foreignLog),
        new Policies(
            List.of(everything()),
            OTHER_ACCOUNT,
            Optional.empty(),
            false,
            Optional.of(policies.endpointPolicy(provider, "logs"))));

    // Session Manager.
    expect(
        calls,
        ALLOW,
        Request.of(
            role, "ssm:UpdateInstanceInformation", arn("ec2", region, "instance/" + INSTANCE)),
        own(identity).through(policies.endpointPolicy(provider, "ssm")));
    expect(
        calls,
        ALLOW,
        Request.of(role, "ssmmessages:CreateControlChannel", "*"),
        own(identity).through(policies.endpointPolicy(provider, "ssmmessages")));
    expect(
        calls,
        ALLOW,
        Request.of(role, "ec2messages:GetMessages", "*"),
        own(identity).through(policies.endpointPolicy(provider, "ec2messages")));
    expect(
        calls,
        DENY,
        Request.of(
            stranger,
            "ssm:GetParameter",
            "arn:aws:ssm:" + region + ":" + OTHER_ACCOUNT + ":parameter/x"),
        new Policies(
            List.of(everything()),
            OTHER_ACCOUNT,
            Optional.empty(),
            false,
            Optional.of(policies.endpointPolicy(provider, "ssm"))));

    // dnf reads the region's Amazon Linux 2023 repository (public, unsigned requests) through the
    // S3 endpoint; nothing is written and no other bucket is reached through it.
    Document s3 = policies.endpointPolicy(provider, "s3");
    String repository = "arn:aws:s3:::al2023-repos-" + region + "-de612dc2";
    Policies publicBucket =
        new Policies(
            List.of(),
            "137112412989",
            Optional.of(StackPolicies.fullAccess()),
            false,
            Optional.of(s3));
    expect(
        calls,
        ALLOW,
        Request.of(
            Principal.anonymous(),
            "s3:GetObject",
            repository + "/core/mirrors/latest/x86_64/mirror.list"),
        publicBucket);
    // The SSM Agent reads AWS's buckets for its updates, documents and patch snapshots, signed
    // with the instance's role: its identity policy and the endpoint's both allow exactly those.
    Policies awsBucket =
        new Policies(
            List.of(identity),
            "137112412989",
            Optional.of(StackPolicies.fullAccess()),
            false,
            Optional.of(s3));
    for (String bucket :
        List.of("amazon-ssm-" + region, "aws-ssm-" + region, "patch-baseline-snapshot-" + region)) {
      expect(
          calls,
          ALLOW,
          Request.of(role, "s3:GetObject", "arn:aws:s3:::" + bucket + "/x"),
          awsBucket);
      expect(
          calls,
          DENY,
          Request.of(role, "s3:PutObject", "arn:aws:s3:::" + bucket + "/x"),
          awsBucket);
    }
    expect(
        calls,
        DENY,
        Request.of(role, "s3:GetObject", "arn:aws:s3:::aws-ssm-" + peer + "/x"),
        awsBucket);
    expect(
        calls,
        DENY,
        Request.of(role, "s3:GetObject", "arn:aws:s3:::aws-windows-downloads-" + region + "/x"),
        awsBucket);
    Policies anyBucket =
        new Policies(List.of(everything()), ACCOUNT, Optional.empty(), false, Optional.of(s3));
    expect(
        calls, DENY, Request.of(role, "s3:PutObject", "arn:aws:s3:::exfiltration/data"), anyBucket);
    expect(calls, DENY, Request.of(role, "s3:PutObject", repository + "/x"), anyBucket);
    expect(
        calls, DENY, Request.of(role, "s3:GetObject", "arn:aws:s3:::someone-elses/x"), anyBucket);
    expect(
        calls,
        DENY,
        Request.of(
            Principal.anonymous(),
            "s3:GetObject",
            "arn:aws:s3:::al2023-repos-" + peer + "-de612dc2/x"),
        publicBucket);
  }

  /** CloudWatch alarms publish to the region's encrypted topic, as the CloudWatch service. */
  private static void serviceCalls(StackPolicies policies, String provider, List<Call> calls) {
    String region = policies.region(provider);
    String topic = policies.topicArn(provider);
    String key = policies.keyArn(provider);
    String alarm = arn("cloudwatch", region, "alarm:dr-some-alarm");
    Principal cloudwatch = Principal.service("cloudwatch.amazonaws.com");
    Policies topicPolicy =
        new Policies(
            List.of(),
            ACCOUNT,
            Optional.of(policies.topicPolicy(provider)),
            false,
            Optional.empty());
    Request publish =
        Request.of(cloudwatch, "sns:Publish", topic)
            .with("aws:SourceAccount", ACCOUNT)
            .with("aws:SourceArn", alarm);
    expect(calls, ALLOW, publish, topicPolicy);
    expect(
        calls,
        DENY,
        publish
            .with("aws:SourceAccount", OTHER_ACCOUNT)
            .with(
                "aws:SourceArn", "arn:aws:cloudwatch:" + region + ":" + OTHER_ACCOUNT + ":alarm:x"),
        topicPolicy);
    // A principal of the account that may publish is refused without TLS.
    Principal operator = Principal.role("arn:aws:iam::" + ACCOUNT + ":role/operator");
    Policies operatorPolicies =
        new Policies(
            List.of(everything()),
            ACCOUNT,
            Optional.of(policies.topicPolicy(provider)),
            false,
            Optional.empty());
    expect(calls, ALLOW, Request.of(operator, "sns:Publish", topic), operatorPolicies);
    expect(
        calls,
        DENY,
        Request.of(operator, "sns:Publish", topic).with("aws:SecureTransport", "false"),
        operatorPolicies);
    Policies keyPolicy =
        new Policies(
            List.of(), ACCOUNT, Optional.of(policies.keyPolicy(provider)), true, Optional.empty());
    for (String action : List.of("kms:GenerateDataKey", "kms:Decrypt")) {
      expect(
          calls,
          ALLOW,
          Request.of(cloudwatch, action, key)
              .with("aws:SourceAccount", ACCOUNT)
              .with("aws:SourceArn", alarm)
              .with("kms:ViaService", "sns." + region + ".amazonaws.com"),
          keyPolicy);
      expect(
          calls,
          DENY,
          Request.of(cloudwatch, action, key)
              .with("aws:SourceAccount", OTHER_ACCOUNT)
              .with("kms:ViaService", "sns." + region + ".amazonaws.com"),
          keyPolicy);
    }
  }

  private static final Decision DENY = Decision.IMPLICIT_DENY;
  private static final String LEADING = "dynamodb:LeadingKeys";
  private static final String LOGS_CONTEXT = "kms:EncryptionContext:aws:logs:arn";

  private static Request viaDynamoDb(Principal who, String action, String key, String region) {
    return Request.of(who, action, key)
        .with("kms:ViaService", "dynamodb." + region + ".amazonaws.com")
        .with("kms:CallerAccount", who.account());
  }

  private static Policies own(Document identity) {
    return Policies.identityOnly(ACCOUNT, List.of(identity));
  }

  /** An identity policy that allows everything: what a foreign or broad caller may hold. */
  private static Document everything() {
    return new Document(
        List.of(
            new PolicyEvaluator.Statement(
                "Everything", true, java.util.Map.of(), List.of("*"), List.of("*"), List.of())));
  }

  /** Records one call; a deny is a deny, explicit or not. */
  private static void expect(
      List<Call> calls, Decision expected, Request request, Policies policies) {
    Decision decided = PolicyEvaluator.evaluate(request, policies);
    if (decided == Decision.EXPLICIT_DENY) {
      decided = DENY;
    }
    calls.add(
        new Call(
            request.principal()
                + " "
                + request.action()
                + " on "
                + request.resource()
                + " "
                + request.context(),
            expected,
            decided));
  }
}
