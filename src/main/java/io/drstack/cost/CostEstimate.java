package io.drstack.cost;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monthly cost of a synthesized stack before usage: every resource with a fixed price, read
 * from the stack's JSON ({@code cdk.tf.json}) and priced from {@link Price}. Requests, data,
 * storage and log volumes are usage and not estimated (help/cost.md lists them).
 */
public final class CostEstimate {

  /** Optional features, by the setting that turns them on. */
  public static final String CANARY = "canary";

  public static final String REGION_SWITCH_PLAN = "regionSwitchPlan";

  /** The Global Accelerator front door ({@code frontDoor} {@code accelerator}). */
  public static final String ACCELERATOR = "accelerator";

  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{aws_launch_template\\.([^.}]+)\\.");

  /**
   * One priced item.
   *
   * @param what the resource, for a reader
   * @param region where it runs ({@code global} for Route 53)
   * @param quantity how many units of {@link Price#unit()} run at once (hours are per month)
   * @param unitUsd the price of one unit
   * @param feature the optional feature it belongs to, or {@code null}
   */
  public record Line(
      String what, String region, double quantity, Price price, double unitUsd, String feature) {

    /** US dollars a month. */
    public double monthlyUsd() {
      double perMonth = price.unit() == Price.Unit.HOUR ? Price.HOURS_PER_MONTH : 1;
      return quantity * unitUsd * perMonth;
    }
  }

  /** Lines by what, region, unit price and feature: resources of a kind are summed into one. */
  private final Map<List<Object>, Line> lines = new LinkedHashMap<>();

  private final Set<String> unpriced = new LinkedHashSet<>();
  private final Map<String, String> regions = new HashMap<>();
  private final JsonNode resources;

  private CostEstimate(JsonNode stack) {
    this.resources = stack.path("resource");
    stack
        .path("provider")
        .path("aws")
        .forEach(p -> regions.put("aws." + p.path("alias").asText(), p.path("region").asText()));
    endpoints();
    loadBalancers();
    instances();
    keys();
    dns();
    alarms();
    each(
        "aws_arcregionswitch_plan",
        (name, plan) ->
            add(
                "Region switch plan",
                "global",
                1,
                Price.REGION_SWITCH_PLAN_MONTH,
                REGION_SWITCH_PLAN));
    // Billed per accelerator whether enabled or not; its listener and endpoint groups are free.
    each(
        "aws_globalaccelerator_accelerator",
        (name, accelerator) ->
            add("Global Accelerator", "global", 1, Price.ACCELERATOR_HOUR, ACCELERATOR));
  }

  /** The estimate of a synthesized stack ({@code cdk.tf.json}, parsed). */
  public static CostEstimate of(JsonNode stack) {
    return new CostEstimate(stack);
  }

  public List<Line> lines() {
    return List.copyOf(lines.values());
  }

  /** What the stack runs that the table has no price for (left out of the total). */
  public Set<String> unpriced() {
    return Set.copyOf(unpriced);
  }

  public double totalUsd() {
    return lines.values().stream().mapToDouble(Line::monthlyUsd).sum();
  }

  /** The part of the total an optional feature adds. */
  public double featureUsd(String feature) {
    return lines.values().stream()
        .filter(line -> feature.equals(line.feature()))
        .mapToDouble(Line::monthlyUsd)
        .sum();
  }

  /** The one line synth prints. */
  public String summary() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "Cost estimate: US$%.2f a month before usage, at %s list prices of %s"
                    + " (help/cost.md)",
                totalUsd(),
                Price.REGION,
                Price.AS_OF));
    double canary = featureUsd(CANARY);
    if (canary > 0) {
      text.append(String.format(Locale.ROOT, "; canary adds US$%.2f", canary));
    }
    double plan = featureUsd(REGION_SWITCH_PLAN);
    text.append(
        plan > 0
            ? String.format(Locale.ROOT, "; regionSwitchPlan adds US$%.2f", plan)
            : String.format(
                Locale.ROOT,
                "; regionSwitchPlan would add US$%.2f",
                Price.REGION_SWITCH_PLAN_MONTH.usd()));
    double accelerator = featureUsd(ACCELERATOR);
    if (accelerator > 0) {
      text.append(
          String.format(
              Locale.ROOT, "; the accelerator adds US$%.2f and DT-Premium per GB", accelerator));
    }
    if (!unpriced.isEmpty()) {
      text.append("; not priced: ").append(String.join(", ", unpriced));
    }
    return text.toString();
  }

  private void endpoints() {
    each(
        "aws_vpc_endpoint",
        (name, endpoint) -> {
          if ("Interface".equals(endpoint.path("vpc_endpoint_type").asText())) {
            String service = endpoint.path("service_name").asText();
            String shortName = service.substring(service.lastIndexOf('.') + 1);
            add(
                shortName + " interface endpoint, per AZ",
                region(endpoint),
                endpoint.path("subnet_ids").size(),
                Price.INTERFACE_ENDPOINT_HOUR,
                shortName.equals("monitoring") ? CANARY : null);
          }
        });
  }

  private void loadBalancers() {
    each(
        "aws_lb",
        (name, lb) -> {
          add("load balancers", region(lb), 1, Price.LOAD_BALANCER_HOUR, null);
          if (!lb.path("internal").asBoolean(false)) {
            add(
                "load balancer's public IPv4 addresses",
                region(lb),
                lb.path("subnets").size(),
                Price.PUBLIC_IPV4_HOUR,
                null);
          }
        });
  }

  private void instances() {
    each(
        "aws_autoscaling_group",
        (name, group) -> {
          Matcher template = REFERENCE.matcher(group.path("launch_template").path("id").asText());
          JsonNode launch =
              template.find()
                  ? resources.path("aws_launch_template").path(template.group(1))
                  : resources.path("aws_launch_template").path("");
          int count =
              group.has("desired_capacity")
                  ? group.path("desired_capacity").asInt()
                  : group.path("min_size").asInt();
          String type = launch.path("instance_type").asText();
          Double hourly = Price.INSTANCE_TYPES.get(type);
          if (hourly == null) {
            unpriced.add("instance type " + (type.isEmpty() ? "(unknown)" : type));
          } else {
            add(
                type + " instances (desired capacity)",
                region(group),
                count,
                Price.INSTANCE_HOUR,
                hourly,
                null);
          }
          for (JsonNode device : launch.path("block_device_mappings")) {
            JsonNode ebs = device.path("ebs");
            if ("gp3".equals(ebs.path("volume_type").asText())) {
              add(
                  "root volumes, " + ebs.path("volume_size").asInt() + " GB each",
                  region(group),
                  (double) count * ebs.path("volume_size").asInt(),
                  Price.GP3_GB_MONTH,
                  null);
            } else {
              unpriced.add("volume type " + ebs.path("volume_type").asText("(default)"));
            }
          }
        });
  }

  private void keys() {
    each("aws_kms_key", (name, key) -> add("KMS keys", region(key), 1, Price.KMS_KEY_MONTH, null));
  }

  private void dns() {
    each(
        "aws_route53_zone",
        (name, zone) -> add("hosted zones", "global", 1, Price.HOSTED_ZONE_MONTH, null));
    each(
        "aws_route53_health_check",
        (name, check) -> {
          String type = check.path("type").asText();
          String feature = name.startsWith("region-switch") ? REGION_SWITCH_PLAN : null;
          add("health checks, " + type, "global", 1, Price.HEALTH_CHECK_MONTH, feature);
          int options =
              (type.startsWith("HTTPS") ? 1 : 0)
                  + (type.endsWith("STR_MATCH") ? 1 : 0)
                  + (check.path("request_interval").asInt(30) == 10 ? 1 : 0)
                  + (check.path("measure_latency").asBoolean(false) ? 1 : 0);
          if (options > 0) {
            add(
                "health check options, " + type,
                "global",
                options,
                Price.HEALTH_CHECK_OPTION_MONTH,
                feature);
          }
        });
  }

  private void alarms() {
    Set<String> customMetrics = new LinkedHashSet<>();
    each(
        "aws_cloudwatch_metric_alarm",
        (name, alarm) -> {
          List<JsonNode> metrics = new ArrayList<>();
          if (alarm.has("metric_name")) {
            metrics.add(alarm);
          }
          alarm
              .path("metric_query")
              .forEach(
                  q -> {
                    if (q.has("metric")) {
                      metrics.add(q.path("metric"));
                    }
                  });
          boolean custom = false;
          boolean highResolution = false;
          for (JsonNode metric : metrics) {
            String namespace = metric.path("namespace").asText();
            if (!namespace.startsWith("AWS/")) {
              custom = true;
              customMetrics.add(
                  region(alarm)
                      + " "
                      + namespace
                      + " "
                      + metric.path("metric_name").asText()
                      + " "
                      + metric.path("dimensions"));
            }
            int period = metric.path("period").asInt(alarm.path("period").asInt(60));
            highResolution |= period < 60;
          }
          add(
              (custom ? "canary alarms" : "alarms") + ", per metric watched",
              region(alarm),
              metrics.size(),
              highResolution ? Price.HIGH_RESOLUTION_ALARM_METRIC_MONTH : Price.ALARM_METRIC_MONTH,
              custom ? CANARY : null);
        });
    for (String metric : customMetrics) {
      add(
          "canary custom metrics",
          metric.substring(0, metric.indexOf(' ')),
          1,
          Price.CUSTOM_METRIC_MONTH,
          CANARY);
    }
  }

  private void add(String what, String region, double quantity, Price price, String feature) {
    add(what, region, quantity, price, price.usd(), feature);
  }

  private void add(
      String what, String region, double quantity, Price price, double unitUsd, String feature) {
    lines.merge(
        Arrays.asList(what, region, price, unitUsd, feature),
        new Line(what, region, quantity, price, unitUsd, feature),
        (a, b) -> new Line(what, region, a.quantity() + b.quantity(), price, unitUsd, feature));
  }

  private String region(JsonNode block) {
    return regions.getOrDefault(block.path("provider").asText(), "?");
  }

  private void each(String type, BiConsumer<String, JsonNode> action) {
    resources.path(type).fields().forEachRemaining(e -> action.accept(e.getKey(), e.getValue()));
  }
}
