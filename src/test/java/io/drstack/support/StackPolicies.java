package io.drstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.drstack.support.PolicyEvaluator.Condition;
import io.drstack.support.PolicyEvaluator.Document;
import io.drstack.support.PolicyEvaluator.Principal;
import io.drstack.support.PolicyEvaluator.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The policies of a {@link Synthesized} stack as {@link PolicyEvaluator} documents, with every
 * Terraform reference in them replaced by the value AWS would give it in one account: the account
 * ID, the partition, and the ARNs of the stack's own resources, built from their names. A reference
 * it cannot resolve fails the test that met it.
 */
public final class StackPolicies {

  /** The account the stack is evaluated in. */
  public static final String ACCOUNT = "111122223333";

  private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern REFERENCE =
      Pattern.compile("(data\\.)?([a-z0-9_]+)\\.([^.]+)\\.([a-z_]+)");

  private final Synthesized stack;

  public StackPolicies(Synthesized stack) {
    this.stack = stack;
  }

  /** AWS's default endpoint policy: anything, by anyone. */
  public static Document fullAccess() {
    return new Document(
        List.of(
            new Statement(
                "Default",
                true,
                Map.of("*", List.of("*")),
                List.of("*"),
                List.of("*"),
                List.of())));
  }

  /** The region a provider deploys to. */
  public String region(String provider) {
    return StackJson.regionOf(stack, provider);
  }

  /** The role the instances of a region run as, through their instance profile. */
  public Principal instanceRole(String provider) {
    JsonNode profile = StackJson.single(stack, "aws_iam_instance_profile", provider);
    return Principal.role(
        "arn:aws:iam::" + ACCOUNT + ":role/" + resolve(profile.path("role").asText()));
  }

  /** The inline policy of the role a region's instances run as. */
  public Document instancePolicy(String provider) {
    JsonNode profile = StackJson.single(stack, "aws_iam_instance_profile", provider);
    return rolePolicy(resolve(profile.path("role").asText()));
  }

  /** The inline policy of the role with this name. */
  public Document rolePolicy(String roleName) {
    for (Map.Entry<String, JsonNode> role : stack.resources("aws_iam_role").entrySet()) {
      if (role.getValue().path("name").asText().equals(roleName)) {
        return document(
            StackJson.inlinePolicyOf(
                    stack, new StackJson.Ref("aws_iam_role", role.getKey(), "id", role.getValue()))
                .path("statement"));
      }
    }
    throw new AssertionError("no role " + roleName);
  }

  /** The trust policy of the role with this name. */
  public Document trustPolicy(String roleName) {
    for (JsonNode role : stack.resources("aws_iam_role").values()) {
      if (role.path("name").asText().equals(roleName)) {
        return referenced(role.path("assume_role_policy"));
      }
    }
    throw new AssertionError("no role " + roleName);
  }

  /** A region's KMS key. */
  public String keyArn(String provider) {
    return arnOf("aws_kms_key", keyName(provider));
  }

  public Document keyPolicy(String provider) {
    return referenced(stack.resources("aws_kms_key").get(keyName(provider)).path("policy"));
  }

  private String keyName(String provider) {
    return StackJson.in(stack.resources("aws_kms_key"), provider).keySet().iterator().next();
  }

  /** The policy of a region's endpoint to {@code service}: AWS's default when it sets none. */
  public Document endpointPolicy(String provider, String service) {
    for (JsonNode endpoint : StackJson.in(stack.resources("aws_vpc_endpoint"), provider).values()) {
      if (endpoint.path("service_name").asText().endsWith("." + service)) {
        JsonNode policy = endpoint.path("policy");
        return policy.isMissingNode() ? fullAccess() : referenced(policy);
      }
    }
    throw new AssertionError("no endpoint to " + service + " with " + provider);
  }

  /** The table's ARN in a region: its replica there. */
  public String tableArn(String provider) {
    String name =
        stack.resources("aws_dynamodb_table").values().iterator().next().path("name").asText();
    return arn("dynamodb", region(provider), "table/" + name);
  }

  /** A log group of the stack, by name, in a region. */
  public String logGroupArn(String provider, String name) {
    return arn("logs", region(provider), "log-group:" + name);
  }

  /** A region's alarm topic and its policy. */
  public String topicArn(String provider) {
    return arnOf("aws_sns_topic", topicName(provider));
  }

  public Document topicPolicy(String provider) {
    for (JsonNode policy :
        StackJson.in(stack.resources("aws_sns_topic_policy"), provider).values()) {
      return referenced(policy.path("policy"));
    }
    throw new AssertionError("no topic policy with " + provider);
  }

  private String topicName(String provider) {
    return StackJson.in(stack.resources("aws_sns_topic"), provider).keySet().iterator().next();
  }

  /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
  public static String arn(String service, String region, String resource) {
    return "arn:aws:" + service + ":" + region + ":" + ACCOUNT + ":" + resource;
  }

  /** The document a {@code ${data.aws_iam_policy_document.<name>.json}} reference names. */
  public Document referenced(JsonNode expression) {
    StackJson.Ref ref = StackJson.ref(stack, expression);
    if (!ref.type().equals("data.aws_iam_policy_document")) {
      throw new AssertionError("not a policy document: " + expression);
    }
    return document(ref.block().path("statement"));
  }

  /** Statements in {@code data aws_iam_policy_document}'s form. */
  public Document document(JsonNode statements) {
    List<Statement> result = new ArrayList<>();
    for (JsonNode statement : statements) {
      Map<String, List<String>> principals = new LinkedHashMap<>();
      for (JsonNode principal : statement.path("principals")) {
        principals
            .computeIfAbsent(principal.path("type").asText(), type -> new ArrayList<>())
            .addAll(strings(principal.path("identifiers")));
      }
      List<Condition> conditions = new ArrayList<>();
      for (JsonNode condition : statement.path("condition")) {
        conditions.add(
            new Condition(
                condition.path("test").asText(),
                condition.path("variable").asText(),
                strings(condition.path("values"))));
      }
      if (statement.has("not_actions")
          || statement.has("not_resources")
          || statement.has("not_principals")) {
        throw new AssertionError("NotAction, NotResource and NotPrincipal are not evaluated");
      }
      result.add(
          new Statement(
              statement.path("sid").asText(),
              !statement.path("effect").asText("Allow").equals("Deny"),
              principals,
              strings(statement.path("actions")),
              // A trust policy names no resource: the role is it.
              statement.path("resources").isEmpty()
                  ? List.of("*")
                  : strings(statement.path("resources")),
              conditions));
    }
    return new Document(result);
  }

  private List<String> strings(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(value -> result.add(resolve(value.asText())));
    return result;
  }

  /** The text with every reference replaced by its value in {@link #ACCOUNT}. */
  public String resolve(String text) {
    Matcher m = EXPRESSION.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), text)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String value(String expression, String text) {
    Matcher m = REFERENCE.matcher(expression);
    if (!m.matches()) {
      throw new AssertionError("cannot evaluate ${" + expression + "} in " + text);
    }
    boolean data = m.group(1) != null;
    String type = m.group(2);
    String name = m.group(3);
    String attribute = m.group(4);
    if (data && type.equals("aws_caller_identity") && attribute.equals("account_id")) {
      return ACCOUNT;
    }
    if (data && type.equals("aws_partition") && attribute.equals("partition")) {
      return "aws";
    }
    if (!data && attribute.equals("arn")) {
      return arnOf(type, name);
    }
    // A name given in the configuration; a role's ID is its name.
    JsonNode block = data ? null : stack.resources(type).get(name);
    if (block != null
        && block.has("name")
        && (attribute.equals("name") || (type.equals("aws_iam_role") && attribute.equals("id")))) {
      return resolve(block.path("name").asText());
    }
    throw new AssertionError("cannot evaluate ${" + expression + "} in " + text);
  }

  /** The ARN AWS gives a resource of the stack, from its name and its provider's region. */
  private String arnOf(String type, String name) {
    JsonNode block = stack.resources(type).get(name);
    if (block == null) {
      throw new AssertionError("no " + type + "." + name);
    }
    String region = region(block.path("provider").asText());
    String given = resolve(block.path("name").asText());
    return switch (type) {
      case "aws_kms_key" -> arn("kms", region, "key/" + name);
      case "aws_cloudwatch_log_group" -> arn("logs", region, "log-group:" + given);
      case "aws_sns_topic" -> arn("sns", region, given);
      case "aws_iam_role" -> "arn:aws:iam::" + ACCOUNT + ":role/" + given;
      case "aws_dynamodb_table" -> arn("dynamodb", region, "table/" + given);
      case "aws_cloudwatch_metric_alarm" ->
          arn("cloudwatch", region, "alarm:" + resolve(block.path("alarm_name").asText()));
      default -> throw new AssertionError("no ARN known for " + type);
    };
  }
}
