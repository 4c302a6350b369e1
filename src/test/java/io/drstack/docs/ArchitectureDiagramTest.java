package io.drstack.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArchitectureDiagramTest {

  private static String diagram() {
    return ArchitectureDiagram.mermaid(Synthesized.defaults().tree());
  }

  @Test
  void committedDiagramIsCurrent() throws IOException {
    String document = Files.readString(ArchitectureDiagram.DOCUMENT, StandardCharsets.UTF_8);
    assertEquals(
        ArchitectureDiagram.section(
            Synthesized.defaults().tree(),
            Stacks.strong().tree(),
            Synthesized.with(ArchitectureDiagram.ACCELERATOR_ENV).tree()),
        ArchitectureDiagram.SECTION.current(document),
        ArchitectureDiagram.DOCUMENT
            + " shows an outdated diagram of the stack; regenerate it with: "
            + ArchitectureDiagram.COMMAND);
  }

  @Test
  void drawsEachHandOffFromParameterThroughReadBackToWhatUsesIt() {
    String mermaid = diagram();
    String dnsName = "secondary_dr_dev_alb_dns_us_east_2";
    String dnsNameReadBack = "secondary_read_dr_dev_alb_dns_us_east_2";
    assertTrue(mermaid.contains(dnsName + " --> " + dnsNameReadBack), mermaid);
    assertTrue(
        mermaid.contains(
            dnsNameReadBack + " -->|aws_route53_health_check, aws_route53_record| global_Route_53"),
        mermaid);
    assertTrue(
        mermaid.contains(
            "secondary_read_dr_dev_kms_key_arn_us_east_2 -->|aws_dynamodb_table|"
                + " primary_Global_table"),
        mermaid);
    assertTrue(mermaid.contains("primary_Global_table -. replica .-> in_secondary"), mermaid);
  }

  @Test
  void drawsTheWitnessOfAStronglyConsistentTableOnly() {
    String witness = "-. witness .-> witness_us_west_2";
    assertTrue(
        ArchitectureDiagram.mermaid(Stacks.strong().tree())
            .contains("primary_Global_table " + witness));
    assertFalse(diagram().contains(witness), "an eventual table has no witness");
  }

  @Test
  void countsEveryResourceExactlyOnce() {
    JsonNode stack = Synthesized.defaults().tree();
    int resources = 0;
    for (JsonNode type : stack.path("resource")) {
      resources += type.size();
    }
    String mermaid = diagram();
    int drawn = 0;
    Matcher counts = Pattern.compile(" × (\\d+)").matcher(mermaid);
    while (counts.find()) {
      drawn += Integer.parseInt(counts.group(1));
    }
    Matcher parameters = Pattern.compile("\\[\\(\"aws_ssm_parameter<br/>").matcher(mermaid);
    while (parameters.find()) {
      drawn++;
    }
    assertEquals(resources, drawn, mermaid);
    assertTrue(mermaid.contains("subgraph in_primary[\"primary provider: us-east-1\"]"), mermaid);
    assertTrue(mermaid.contains("aws_subnet × 4"), mermaid);
  }

  /** The default front door: clients resolve through Route 53's failover records, one per ALB. */
  @Test
  void drawsRoute53AloneBeforeTheLoadBalancersByDefault() {
    String mermaid = diagram();
    assertTrue(mermaid.contains("clients((\"clients\")) --> global_Route_53"), mermaid);
    assertTrue(
        mermaid.contains("global_Route_53 -->|failover PRIMARY| primary_Load_balancer"), mermaid);
    assertTrue(
        mermaid.contains("global_Route_53 -->|failover SECONDARY| secondary_Load_balancer"),
        mermaid);
    assertFalse(mermaid.contains("Global Accelerator"), mermaid);
    assertFalse(mermaid.contains("latency set"), mermaid);
  }

  /**
   * Both regions serving through DNS: the PRIMARY record aliases the inner latency set, whose
   * records each alias their region's load balancer.
   */
  @Test
  void drawsTheLatencySetWhenThePrimaryRecordAliasesIt() {
    JsonNode stack = Synthesized.defaults().tree().deepCopy();
    ObjectNode records = (ObjectNode) stack.path("resource").path("aws_route53_record");
    ObjectNode primary = null;
    ObjectNode secondary = null;
    for (JsonNode record : records) {
      String type = record.path("failover_routing_policy").path("type").asText();
      if (type.equals("PRIMARY")) {
        primary = (ObjectNode) record;
      } else if (type.equals("SECONDARY")) {
        secondary = (ObjectNode) record;
      }
    }
    String inner = "active." + primary.path("name").asText();
    ObjectNode latencyPrimary = primary.deepCopy();
    latencyPrimary.remove("failover_routing_policy");
    latencyPrimary
        .put("name", inner)
        .putObject("latency_routing_policy")
        .put("region", "us-east-1");
    ObjectNode latencySecondary = secondary.deepCopy();
    latencySecondary.remove("failover_routing_policy");
    latencySecondary
        .put("name", inner)
        .putObject("latency_routing_policy")
        .put("region", "us-east-2");
    records.set("latency_primary", latencyPrimary);
    records.set("latency_secondary", latencySecondary);
    ((ObjectNode) primary.path("alias")).put("name", inner);
    String mermaid = ArchitectureDiagram.mermaid(stack);
    assertTrue(mermaid.contains("global_latency_set{{\"latency set<br/>" + inner), mermaid);
    assertTrue(
        mermaid.contains("global_Route_53 -->|failover PRIMARY| global_latency_set"), mermaid);
    assertTrue(
        mermaid.contains("global_latency_set -->|latency us-east-1| primary_Load_balancer"),
        mermaid);
    assertTrue(
        mermaid.contains("global_latency_set -->|latency us-east-2| secondary_Load_balancer"),
        mermaid);
  }

  /**
   * The accelerator: the PRIMARY record aliases it, and each endpoint group leads to its region's
   * load balancer, with its traffic dial.
   */
  @Test
  void drawsTheAcceleratorBeforeBothLoadBalancersWhenThePrimaryRecordAliasesIt() {
    JsonNode stack = Synthesized.defaults().tree().deepCopy();
    ObjectNode resources = (ObjectNode) stack.path("resource");
    resources
        .putObject("aws_globalaccelerator_accelerator")
        .putObject("accelerator")
        .put("provider", "aws.primary");
    ObjectNode groups = resources.putObject("aws_globalaccelerator_endpoint_group");
    groups
        .putObject("primary")
        .put("provider", "aws.primary")
        .put("endpoint_group_region", "us-east-1")
        .put("traffic_dial_percentage", 100);
    groups
        .putObject("secondary")
        .put("provider", "aws.primary")
        .put("endpoint_group_region", "us-east-2")
        .put("traffic_dial_percentage", 0);
    for (JsonNode record : resources.path("aws_route53_record")) {
      if (record.path("failover_routing_policy").path("type").asText().equals("PRIMARY")) {
        ((ObjectNode) record.path("alias"))
            .put("name", "${aws_globalaccelerator_accelerator.accelerator.dns_name}");
      }
    }
    String mermaid = ArchitectureDiagram.mermaid(stack);
    assertTrue(mermaid.contains("subgraph in_accelerator[\"Global Accelerator"), mermaid);
    assertTrue(
        mermaid.contains("global_Route_53 -->|failover PRIMARY| accelerator_Global_Accelerator"),
        mermaid);
    assertTrue(
        mermaid.contains(
            "accelerator_Global_Accelerator -->|endpoint group us-east-1, dial 100 %|"
                + " primary_Load_balancer"),
        mermaid);
    assertTrue(
        mermaid.contains(
            "accelerator_Global_Accelerator -->|endpoint group us-east-2, dial 0 %|"
                + " secondary_Load_balancer"),
        mermaid);
    assertTrue(
        mermaid.contains("global_Route_53 -->|failover SECONDARY| secondary_Load_balancer"),
        mermaid);
  }
}
