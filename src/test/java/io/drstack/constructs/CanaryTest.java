package io.drstack.constructs;

import static io.drstack.support.StackJson.SERVICE_PROVIDERS;
import static io.drstack.support.StackJson.in;
import static io.drstack.support.StackJson.inlinePolicyOf;
import static io.drstack.support.StackJson.list;
import static io.drstack.support.StackJson.otherServiceProvider;
import static io.drstack.support.StackJson.privateSubnets;
import static io.drstack.support.StackJson.rawUserData;
import static io.drstack.support.StackJson.ref;
import static io.drstack.support.StackJson.referencedNames;
import static io.drstack.support.StackJson.regionOf;
import static io.drstack.support.StackJson.routeTables;
import static io.drstack.support.StackJson.single;
import static io.drstack.support.StackJson.userDataScript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.drstack.config.CanarySettings;
import io.drstack.support.AllStacks;
import io.drstack.support.StackJson;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.TfJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * The data plane and the canary: the DynamoDB gateway endpoint and the instance role reach the
 * region's own replica of the stack's table and nothing else; the canary's endpoint, permission,
 * alarm and code follow its settings.
 */
class CanaryTest {

  /** EC2's limit on user data, before base64. */
  private static final int USER_DATA_LIMIT_BYTES = 16 * 1024;

  /** {@code arn:${partition}:dynamodb:<region>:${account}:table/<name>}, of the region's facts. */
  private static void assertOwnReplicaArn(
      Synthesized stack, String provider, String arn, String what) {
    String region = regionOf(stack, provider);
    String table = stack.names().table(stack.config().table().consistency());
    assertTrue(
        arn.matches("arn:\\$\\{[^}]+}:dynamodb:" + region + ":\\$\\{[^}]+}:table/" + table),
        () -> what + ": " + arn);
    for (String reference : TfJson.interpolations(arn)) {
      StackJson.Ref facts = ref(stack, new TextNode("${" + reference + "}"));
      assertEquals(provider, facts.provider(), what + ": the region's own account facts");
      assertTrue(
          Set.of("data.aws_partition", "data.aws_caller_identity").contains(facts.type()),
          what + ": " + facts.type());
    }
  }

  private static JsonNode statement(JsonNode policy, String sid) {
    return list(policy.path("statement")).stream()
        .filter(s -> sid.equals(s.path("sid").asText()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no statement " + sid + " in " + policy));
  }

  private static Optional<JsonNode> endpoint(Synthesized stack, String provider, String service) {
    String name = "com.amazonaws." + regionOf(stack, provider) + "." + service;
    return in(stack.resources("aws_vpc_endpoint"), provider).values().stream()
        .filter(e -> name.equals(e.path("service_name").asText()))
        .findFirst();
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theDynamoDbGatewayEndpointServesTheStacksTableInItsRegionOnly(Synthesized stack) {
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode dynamodb =
          endpoint(stack, provider, "dynamodb").orElseThrow(() -> new AssertionError(provider));
      assertEquals("Gateway", dynamodb.path("vpc_endpoint_type").asText());
      assertEquals(
          routeTables(stack, privateSubnets(stack, provider)),
          referencedNames(stack, dynamodb.path("route_table_ids")),
          "on the private route table");
      JsonNode policy = ref(stack, dynamodb.path("policy")).block();
      assertEquals(1, policy.path("statement").size(), policy::toString);
      JsonNode only = policy.path("statement").get(0);
      assertEquals(
          InstanceRole.TABLE_ITEM_ACTIONS,
          list(only.path("actions")).stream().map(JsonNode::asText).toList());
      assertEquals(1, only.path("resources").size());
      assertOwnReplicaArn(stack, provider, only.path("resources").get(0).asText(), "endpoint");
      JsonNode principals = only.path("principals");
      assertEquals(1, principals.size());
      assertEquals("AWS", principals.get(0).path("type").asText());
      assertEquals(1, principals.get(0).path("identifiers").size());
      assertTrue(
          principals
              .get(0)
              .path("identifiers")
              .get(0)
              .asText()
              .matches("arn:\\$\\{[^}]+}:iam::\\$\\{[^}]+}:root"),
          "this account's principals only: " + principals);

      // Egress to the endpoint's prefix list on 443, as for S3.
      List<JsonNode> toDynamoDb =
          in(stack.resources("aws_vpc_security_group_egress_rule"), provider).values().stream()
              .filter(r -> r.path("prefix_list_id").asText().contains("dynamodb"))
              .toList();
      assertEquals(1, toDynamoDb.size(), provider);
      JsonNode rule = toDynamoDb.get(0);
      assertEquals(443, rule.path("from_port").asInt());
      assertEquals(443, rule.path("to_port").asInt());
      StackJson.Ref prefixList = ref(stack, rule.path("prefix_list_id"));
      assertEquals("aws_vpc_endpoint", prefixList.type());
      assertEquals(dynamodb, prefixList.block(), "the DynamoDB endpoint's prefix list");
      assertEquals(
          "aws_security_group", ref(stack, rule.path("security_group_id")).type(), "instances");
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theInstanceRoleReadsAndWritesItemsOfItsOwnRegionsReplicaOnly(Synthesized stack) {
    CanarySettings canary = stack.config().canary();
    for (String provider : SERVICE_PROVIDERS) {
      JsonNode policy =
          inlinePolicyOf(
              stack, ref(stack, single(stack, "aws_iam_instance_profile", provider).path("role")));
      List<JsonNode> dynamodb =
          list(policy.path("statement")).stream()
              .filter(s -> s.path("actions").toString().contains("dynamodb:"))
              .toList();
      assertEquals(2, dynamodb.size(), "a read statement and a write statement");
      for (JsonNode replica : dynamodb) {
        assertEquals(1, replica.path("resources").size());
        String arn = replica.path("resources").get(0).asText();
        assertOwnReplicaArn(stack, provider, arn, provider + " role");
        assertFalse(arn.contains(regionOf(stack, otherServiceProvider(provider))));
      }
      JsonNode read = statement(policy, "ReadOwnRegionsReplica");
      assertEquals(List.of("dynamodb:GetItem"), texts(read.path("actions")), "reads, no scans");
      assertTrue(read.path("condition").isMissingNode(), "both regions' heartbeats are read");
      // Writes: the region's own heartbeat item only, the partition key the canary writes.
      JsonNode write = statement(policy, "WriteOwnRegionsHeartbeat");
      assertEquals(List.of("dynamodb:PutItem"), texts(write.path("actions")), "no deletes");
      JsonNode leadingKeys = write.path("condition").get(0);
      assertEquals("ForAllValues:StringEquals", leadingKeys.path("test").asText());
      assertEquals("dynamodb:LeadingKeys", leadingKeys.path("variable").asText());
      assertEquals(
          List.of("dr-canary#" + regionOf(stack, provider)), texts(leadingKeys.path("values")));

      boolean publishes = policy.toString().contains("cloudwatch:PutMetricData");
      assertEquals(canary.enabled(), publishes, provider + ": PutMetricData with the canary only");
      if (canary.enabled()) {
        JsonNode metrics = statement(policy, "PublishCanaryMetric");
        JsonNode condition = metrics.path("condition").get(0);
        assertEquals("StringEquals", condition.path("test").asText());
        assertEquals("cloudwatch:namespace", condition.path("variable").asText());
        assertEquals(
            List.of(canary.namespace()), List.of(condition.path("values").get(0).asText()));
        assertEquals(1, condition.path("values").size());
      }
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void theMonitoringEndpointAndTheAlarmComeWithTheCanary(Synthesized stack) {
    CanarySettings canary = stack.config().canary();
    String table = stack.names().table(stack.config().table().consistency());
    for (String provider : SERVICE_PROVIDERS) {
      String region = regionOf(stack, provider);
      Optional<JsonNode> monitoring = endpoint(stack, provider, "monitoring");
      assertEquals(canary.enabled(), monitoring.isPresent(), provider + " monitoring endpoint");
      monitoring.ifPresent(
          e -> {
            assertEquals("Interface", e.path("vpc_endpoint_type").asText());
            assertTrue(e.path("private_dns_enabled").asBoolean());
            assertEquals(
                privateSubnets(stack, provider), referencedNames(stack, e.path("subnet_ids")));
          });
      Map<String, JsonNode> alarms =
          in(stack.resources("aws_cloudwatch_metric_alarm"), provider).entrySet().stream()
              .filter(
                  e ->
                      RegionalAlarms.CANARY_METRIC.equals(
                          e.getValue().path("metric_name").asText()))
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
      assertEquals(canary.enabled() ? 1 : 0, alarms.size(), provider + " canary alarm");
      if (canary.enabled()) {
        JsonNode alarm = alarms.values().iterator().next();
        assertEquals(stack.names().of("canary", region), alarm.path("alarm_name").asText());
        assertEquals(canary.namespace(), alarm.path("namespace").asText());
        assertEquals(
            Map.of("TableName", table, "Region", region),
            Map.of(
                "TableName", alarm.path("dimensions").path("TableName").asText(),
                "Region", alarm.path("dimensions").path("Region").asText()));
        assertEquals(2, alarm.path("dimensions").size());
        assertEquals("Maximum", alarm.path("statistic").asText());
        assertEquals("GreaterThanThreshold", alarm.path("comparison_operator").asText());
        assertEquals(canary.alarmThresholdSeconds(), alarm.path("threshold").asInt());
        assertEquals("breaching", alarm.path("treat_missing_data").asText());
        assertEquals(2, alarm.path("evaluation_periods").asInt());
      }
    }
  }

  @ParameterizedTest
  @ArgumentsSource(AllStacks.class)
  void userDataGivesTheApplicationItsTableAndRunsTheCanaryAsInTheRepository(Synthesized stack)
      throws Exception {
    CanarySettings canary = stack.config().canary();
    String code = Files.readString(Path.of("src/main/resources" + UserData.CANARY_RESOURCE));
    for (String provider : SERVICE_PROVIDERS) {
      byte[] raw = rawUserData(stack, provider);
      assertTrue(raw.length <= USER_DATA_LIMIT_BYTES, provider + ": " + raw.length + " bytes");
      String script = userDataScript(stack, provider);
      String env = script.substring(script.indexOf("<<'ENV'\n") + 8, script.indexOf("\nENV\n"));
      Map<String, String> vars =
          env.lines()
              .map(line -> line.split("=", 2))
              .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
      String region = regionOf(stack, provider);
      assertEquals(region, vars.get("AWS_REGION"));
      assertEquals(region, vars.get("DR_REGION"));
      assertEquals(regionOf(stack, otherServiceProvider(provider)), vars.get("DR_PEER_REGION"));
      assertEquals(
          stack.names().table(stack.config().table().consistency()), vars.get("DR_TABLE_NAME"));
      assertEquals(GlobalTable.PARTITION_KEY, vars.get("DR_TABLE_PARTITION_KEY"));
      assertEquals(GlobalTable.SORT_KEY, vars.get("DR_TABLE_SORT_KEY"));
      assertTrue(script.contains("EnvironmentFile=/etc/dr-app/env"), "the app's environment");
      // /health stays a static file: the canary never decides the health checks.
      assertTrue(script.contains("echo ok > /srv/dr-app/health"));
      if (canary.enabled()) {
        assertEquals(canary.namespace(), vars.get("DR_CANARY_NAMESPACE"));
        assertEquals(
            String.valueOf(canary.intervalSeconds()), vars.get("DR_CANARY_INTERVAL_SECONDS"));
        assertEquals(UserData.CANARY_STATUS_FILE, vars.get("DR_CANARY_STATUS_FILE"));
        assertTrue(
            script.contains("<<'CANARY'\n" + code + "CANARY\n"), "the repository's code, as is");
        assertTrue(script.contains("systemctl enable --now dr-app.service dr-canary.service"));
        // What the canary keeps across restarts, in a directory only its dynamic user can write.
        assertTrue(script.contains("StateDirectory=dr-canary\nStateDirectoryMode=0700\n"));
        assertTrue(
            script.contains("ln -sfn " + UserData.CANARY_STATUS_FILE + " /srv/dr-app/canary"));
      } else {
        assertFalse(script.contains("dr-canary"), provider + ": no canary when it is off");
        assertFalse(vars.containsKey("DR_CANARY_NAMESPACE"));
      }
    }
  }

  @Test
  void theConfigurationsCoverTheCanaryOnOffAndMoved() {
    assertTrue(Stacks.defaults().config().canary().enabled());
    assertFalse(Stacks.custom().config().canary().enabled(), "a pilot-light secondary");
    assertEquals(
        new CanarySettings(true, 20, "Acme/DrCanary", 300), Stacks.alternative().config().canary());
  }

  private static List<String> texts(JsonNode array) {
    return list(array).stream().map(JsonNode::asText).toList();
  }
}
