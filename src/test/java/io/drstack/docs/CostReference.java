package io.drstack.docs;

import io.drstack.cost.CostEstimate;
import io.drstack.cost.Price;
import io.drstack.support.Examples;
import io.drstack.support.GeneratedSection;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the tables of {@code help/cost.md}: the price table ({@link Price}) and the estimate of
 * every shipped example ({@link Examples}). {@code CostReferenceTest} fails when they are stale.
 */
public final class CostReference {
  private CostReference() {}

  public static final Path DOCUMENT = Path.of("help", "cost.md");
  public static final GeneratedSection PRICES = GeneratedSection.named("prices");
  public static final GeneratedSection EXAMPLES = GeneratedSection.named("examples");
  public static final String COMMAND =
      ". src/main/scripts/jsii-env.sh && mvn -q test-compile exec:java"
          + " -Dexec.classpathScope=test -Dmain.class=io.drstack.docs.CostReference";

  /** Rewrites both tables of {@code help/cost.md}. */
  public static void main(String[] args) throws IOException {
    String examples = examples(estimates());
    // Read only after the slow synthesis, so concurrent edits to the rest of the file survive.
    String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
    document = PRICES.replace(document, prices());
    document = EXAMPLES.replace(document, examples);
    Files.writeString(DOCUMENT, document, StandardCharsets.UTF_8);
    System.out.println("Wrote the cost tables into " + DOCUMENT);
  }

  /** The estimate of every example, by name. */
  public static Map<String, CostEstimate> estimates() {
    Map<String, CostEstimate> estimates = new TreeMap<>();
    for (Examples.Example example : Examples.all()) {
      estimates.put(example.name(), CostEstimate.of(example.stack().tree()));
    }
    return estimates;
  }

  private static String generated() {
    return "\n<!-- Generated; do not edit by hand. Regenerate:\n     " + COMMAND + " -->\n\n";
  }

  /** The price table, between its markers. */
  public static String prices() {
    StringBuilder text =
        new StringBuilder(generated())
            .append("Prices of ")
            .append(Price.AS_OF)
            .append(", ")
            .append(Price.REGION)
            .append(", US dollars, on demand, without free tiers or taxes; a month is ")
            .append(trimmed(Price.HOURS_PER_MONTH))
            .append(" hours.\n\n| item | price | per | source |\n| --- | --- | --- | --- |\n");
    for (Price price : Price.values()) {
      if (price == Price.INSTANCE_HOUR) {
        new TreeMap<>(Price.INSTANCE_TYPES)
            .forEach(
                (type, hourly) -> row(text, "EC2 instance " + type + ", Linux", hourly, price));
      } else {
        row(text, price.item(), price.usd(), price);
      }
    }
    return text.append("\n").toString();
  }

  private static void row(StringBuilder text, String item, double usd, Price price) {
    text.append("| ")
        .append(item)
        .append(" | ")
        .append(String.format(Locale.ROOT, "US$%s", trimmed(usd)))
        .append(" | ")
        .append(price.unit().label())
        .append(" | ")
        .append(price.source())
        .append(" |\n");
  }

  /** The examples' totals and, for each, its lines, between their markers. */
  public static String examples(Map<String, CostEstimate> estimates) {
    StringBuilder text =
        new StringBuilder(generated())
            .append("| example | a month before usage | of it, the canary |")
            .append(" of it, the Region switch plan |\n| --- | --- | --- | --- |\n");
    estimates.forEach(
        (name, estimate) ->
            text.append("| [")
                .append(name)
                .append("](../examples/")
                .append(name)
                .append("/cdktf.json) | ")
                .append(usd(estimate.totalUsd()))
                .append(" | ")
                .append(usd(estimate.featureUsd(CostEstimate.CANARY)))
                .append(" | ")
                .append(usd(estimate.featureUsd(CostEstimate.REGION_SWITCH_PLAN)))
                .append(" |\n"));
    estimates.forEach(
        (name, estimate) -> {
          text.append("\n#### ")
              .append(name)
              .append("\n\n| item | region | quantity | unit price | a month | feature |\n")
              .append("| --- | --- | --- | --- | --- | --- |\n");
          for (CostEstimate.Line line : estimate.lines()) {
            text.append("| ")
                .append(line.what())
                .append(" | ")
                .append(line.region())
                .append(" | ")
                .append(trimmed(line.quantity()))
                .append(" | ")
                .append("US$")
                .append(trimmed(line.unitUsd()))
                .append("/")
                .append(line.price().unit().label())
                .append(" | ")
                .append(usd(line.monthlyUsd()))
                .append(" | ")
                .append(line.feature() == null ? "" : "`" + line.feature() + "`")
                .append(" |\n");
          }
          if (!estimate.unpriced().isEmpty()) {
            text.append("\nNot priced: ")
                .append(String.join(", ", estimate.unpriced()))
                .append("\n");
          }
        });
    return text.append("\n").toString();
  }

  private static String usd(double amount) {
    return String.format(Locale.ROOT, "US$%.2f", amount);
  }

  private static String trimmed(double amount) {
    return new BigDecimal(Double.toString(amount)).stripTrailingZeros().toPlainString();
  }
}
