package io.drstack.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
        ArchitectureDiagram.section(Synthesized.defaults().tree(), Stacks.strong().tree()),
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
}
