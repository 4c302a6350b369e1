package io.drstack.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A small evaluator of AWS's policy logic, enough to prove the stack's permissions without AWS: an
 * explicit deny anywhere wins; a VPC endpoint's policy must also allow a request that crosses it; a
 * KMS key's policy must allow, directly or by naming the account (which delegates to the caller's
 * identity policy); any other resource in the caller's account is allowed by its identity policy or
 * by a resource policy that names the caller; another account needs both. Condition operators:
 * String*, Arn*, Bool, Null, their {@code IfExists} forms and the {@code ForAllValues:} / {@code
 * ForAnyValue:} set qualifiers; {@code *} and {@code ?} wildcards.
 */
public final class PolicyEvaluator {
  private PolicyEvaluator() {}

  /** What AWS decides. */
  public enum Decision {
    ALLOW,
    IMPLICIT_DENY,
    EXPLICIT_DENY
  }

  /**
   * Who makes a request: an IAM role (by its ARN, as {@code aws:PrincipalArn} names a role
   * session's role), an AWS service principal acting as itself, or nobody (unsigned).
   */
  public record Principal(String arn, String account, String service) {
    public static Principal role(String roleArn) {
      return new Principal(roleArn, roleArn.split(":", -1)[4], null);
    }

    public static Principal service(String service) {
      return new Principal(null, null, service);
    }

    public static Principal anonymous() {
      return new Principal(null, null, null);
    }

    boolean isService() {
      return service != null;
    }
  }

  /** One condition: an operator, a context key and the values any of which may match. */
  public record Condition(String operator, String key, List<String> values) {}

  /**
   * One statement. {@code principals} maps a principal type ({@code AWS}, {@code Service}, or
   * {@code *}) to its identifiers; it is empty in an identity policy.
   */
  public record Statement(
      String sid,
      boolean allow,
      Map<String, List<String>> principals,
      List<String> actions,
      List<String> resources,
      List<Condition> conditions) {}

  /** A policy document. */
  public record Document(List<Statement> statements) {
    public static Document empty() {
      return new Document(List.of());
    }
  }

  /** A request: who, what, on which resource, and its context keys (each a list of values). */
  public record Request(
      Principal principal, String action, String resource, Map<String, List<String>> context) {

    /** The request with the global keys AWS sets itself: principal, account, TLS. */
    public static Request of(Principal principal, String action, String resource) {
      Map<String, List<String>> context = new LinkedHashMap<>();
      if (principal.arn() != null) {
        context.put("aws:PrincipalArn", List.of(principal.arn()));
        context.put("aws:PrincipalAccount", List.of(principal.account()));
      }
      if (principal.isService()) {
        context.put("aws:PrincipalServiceName", List.of(principal.service()));
      }
      context.put("aws:SecureTransport", List.of("true"));
      return new Request(principal, action, resource, context);
    }

    /** The request with one more context key, or that key replaced. */
    public Request with(String key, String... values) {
      Map<String, List<String>> context = new LinkedHashMap<>(this.context);
      context.put(key, List.of(values));
      return new Request(principal, action, resource, context);
    }

    /** The request without a context key. */
    public Request without(String key) {
      Map<String, List<String>> context = new LinkedHashMap<>(this.context);
      context.remove(key);
      return new Request(principal, action, resource, context);
    }
  }

  /**
   * The policies that apply to a request.
   *
   * @param identity the caller's identity policies (none for a service principal or anonymous)
   * @param resourceAccount the account that owns the resource
   * @param resourcePolicy the resource's own policy, if it has one
   * @param keyPolicy whether {@code resourcePolicy} is a KMS key policy, which must allow
   * @param endpointPolicy the policy of the VPC endpoint the request crosses, if it crosses one
   */
  public record Policies(
      List<Document> identity,
      String resourceAccount,
      Optional<Document> resourcePolicy,
      boolean keyPolicy,
      Optional<Document> endpointPolicy) {

    public static Policies identityOnly(String account, List<Document> identity) {
      return new Policies(identity, account, Optional.empty(), false, Optional.empty());
    }

    public Policies resource(Document policy) {
      return new Policies(identity, resourceAccount, Optional.of(policy), false, endpointPolicy);
    }

    public Policies key(Document policy) {
      return new Policies(identity, resourceAccount, Optional.of(policy), true, endpointPolicy);
    }

    public Policies through(Document endpoint) {
      return new Policies(
          identity, resourceAccount, resourcePolicy, keyPolicy, Optional.of(endpoint));
    }
  }

  /** How a resource-based policy's statement names the caller. */
  private enum Named {
    NOT,
    /** Through the caller's account: it grants only what the caller's identity policy grants. */
    ACCOUNT,
    /** The caller itself, a wildcard, or its service principal. */
    DIRECTLY
  }

  public static Decision evaluate(Request request, Policies policies) {
    List<Document> all = new ArrayList<>(policies.identity());
    policies.resourcePolicy().ifPresent(all::add);
    policies.endpointPolicy().ifPresent(all::add);
    for (Document document : all) {
      for (Statement statement : document.statements()) {
        if (!statement.allow() && applies(statement, request, false) != Named.NOT) {
          return Decision.EXPLICIT_DENY;
        }
      }
    }
    if (policies.endpointPolicy().isPresent()
        && strongest(policies.endpointPolicy().get(), request, true) == Named.NOT) {
      return Decision.IMPLICIT_DENY;
    }
    Principal principal = request.principal();
    boolean identityAllows =
        policies.identity().stream()
            .anyMatch(document -> strongest(document, request, false) != Named.NOT);
    Named byResource =
        policies.resourcePolicy().map(p -> strongest(p, request, false)).orElse(Named.NOT);
    boolean sameAccount = policies.resourceAccount().equals(principal.account());
    boolean allowed;
    if (principal.arn() == null || policies.keyPolicy()) {
      // A service, anonymous caller, or any caller of a KMS key: the resource policy decides.
      allowed =
          (byResource == Named.DIRECTLY
                  && (sameAccount || principal.arn() == null || identityAllows))
              || (byResource == Named.ACCOUNT && identityAllows);
    } else if (sameAccount) {
      allowed = identityAllows || byResource == Named.DIRECTLY;
    } else {
      allowed = identityAllows && byResource != Named.NOT;
    }
    return allowed ? Decision.ALLOW : Decision.IMPLICIT_DENY;
  }

  /** How strongly a document's matching Allow statements name the caller. */
  private static Named strongest(Document document, Request request, boolean endpoint) {
    Named best = Named.NOT;
    for (Statement statement : document.statements()) {
      if (statement.allow()) {
        Named named = applies(statement, request, endpoint);
        if (named.compareTo(best) > 0) {
          best = named;
        }
      }
    }
    return best;
  }

  /**
   * Whether a statement covers the request: action, resource, principal (an identity policy's
   * statements name none and cover their own caller) and every condition. In an endpoint policy an
   * account names every principal of that account, as AWS applies it.
   */
  private static Named applies(Statement statement, Request request, boolean endpoint) {
    if (statement.actions().stream().noneMatch(action -> wildcard(action, request.action(), true))
        || statement.resources().stream()
            .noneMatch(resource -> wildcard(resource, request.resource(), false))
        || !statement.conditions().stream().allMatch(c -> holds(c, request.context()))) {
      return Named.NOT;
    }
    if (statement.principals().isEmpty()) {
      return Named.DIRECTLY;
    }
    Named named = principalNamed(statement.principals(), request.principal());
    return endpoint && named == Named.ACCOUNT ? Named.DIRECTLY : named;
  }

  private static Named principalNamed(Map<String, List<String>> principals, Principal caller) {
    Named best = Named.NOT;
    for (Map.Entry<String, List<String>> entry : principals.entrySet()) {
      for (String id : entry.getValue()) {
        Named named = Named.NOT;
        if (id.equals("*") && (entry.getKey().equals("*") || entry.getKey().equals("AWS"))) {
          named = Named.DIRECTLY;
        } else if (entry.getKey().equals("Service")) {
          named = id.equals(caller.service()) ? Named.DIRECTLY : Named.NOT;
        } else if (entry.getKey().equals("AWS") && caller.arn() != null) {
          if (id.equals(caller.arn())) {
            named = Named.DIRECTLY;
          } else if (id.equals(caller.account())
              || (id.matches("arn:[^:]+:iam::\\d+:root")
                  && id.split(":", -1)[4].equals(caller.account()))) {
            named = Named.ACCOUNT;
          }
        }
        if (named.compareTo(best) > 0) {
          best = named;
        }
      }
    }
    return best;
  }

  /** One condition against the request's context, as IAM evaluates it. */
  static boolean holds(Condition condition, Map<String, List<String>> context) {
    String operator = condition.operator();
    String qualifier = "";
    int colon = operator.indexOf(':');
    if (colon >= 0) {
      qualifier = operator.substring(0, colon);
      operator = operator.substring(colon + 1);
    }
    boolean ifExists = operator.endsWith("IfExists");
    if (ifExists) {
      operator = operator.substring(0, operator.length() - "IfExists".length());
    }
    List<String> actual = context.get(condition.key());
    if (operator.equals("Null")) {
      boolean wantAbsent = Boolean.parseBoolean(condition.values().get(0));
      return wantAbsent == (actual == null || actual.isEmpty());
    }
    boolean negated = operator.contains("Not");
    if (actual == null || actual.isEmpty()) {
      // An absent key: ForAllValues holds vacuously; IfExists and negated operators hold too.
      return qualifier.equals("ForAllValues") || ifExists || (negated && qualifier.isEmpty());
    }
    String base = operator.replace("Not", "");
    return switch (qualifier) {
      case "ForAllValues" ->
          actual.stream().allMatch(value -> matchesAny(base, negated, condition.values(), value));
      case "ForAnyValue", "" ->
          actual.stream().anyMatch(value -> matchesAny(base, negated, condition.values(), value));
      default -> throw new IllegalArgumentException("unknown qualifier " + condition.operator());
    };
  }

  private static boolean matchesAny(
      String operator, boolean negated, List<String> policyValues, String value) {
    boolean any = policyValues.stream().anyMatch(p -> matches(operator, p, value));
    return negated != any;
  }

  private static boolean matches(String operator, String policyValue, String value) {
    return switch (operator) {
      case "StringEquals" -> policyValue.equals(value);
      case "StringEqualsIgnoreCase" -> policyValue.equalsIgnoreCase(value);
      case "StringLike" -> wildcard(policyValue, value, false);
      case "ArnEquals", "ArnLike" -> arnMatches(policyValue, value);
      case "Bool" -> policyValue.equalsIgnoreCase(value);
      default -> throw new IllegalArgumentException("unsupported condition operator " + operator);
    };
  }

  /** ARNs match component by component, each of the six with its own wildcards. */
  private static boolean arnMatches(String pattern, String arn) {
    String[] p = pattern.split(":", 6);
    String[] a = arn.split(":", 6);
    if (p.length != 6 || a.length != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      if (!wildcard(p[i], a[i], false)) {
        return false;
      }
    }
    return true;
  }

  /** {@code *} matches any run of characters, {@code ?} any one. */
  static boolean wildcard(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    return Pattern.compile(regex.toString(), flags).matcher(value).matches();
  }
}
