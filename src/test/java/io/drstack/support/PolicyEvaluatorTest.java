package io.drstack.support;

import static io.drstack.support.PolicyEvaluator.Decision.ALLOW;
import static io.drstack.support.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static io.drstack.support.PolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.drstack.support.PolicyEvaluator.Condition;
import io.drstack.support.PolicyEvaluator.Document;
import io.drstack.support.PolicyEvaluator.Policies;
import io.drstack.support.PolicyEvaluator.Principal;
import io.drstack.support.PolicyEvaluator.Request;
import io.drstack.support.PolicyEvaluator.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {
  private static final String ACCOUNT = "111122223333";
  private static final String OTHER = "444455556666";
  private static final Principal ROLE = Principal.role("arn:aws:iam::" + ACCOUNT + ":role/app");
  private static final Principal STRANGER = Principal.role("arn:aws:iam::" + OTHER + ":role/app");
  private static final String TABLE = "arn:aws:dynamodb:us-east-1:" + ACCOUNT + ":table/t";
  private static final String KEY = "arn:aws:kms:us-east-1:" + ACCOUNT + ":key/k";

  private static Statement allow(List<String> actions, List<String> resources, Condition... c) {
    return new Statement("", true, Map.of(), actions, resources, List.of(c));
  }

  private static Statement allowFor(
      Map<String, List<String>> principals, List<String> actions, Condition... c) {
    return new Statement("", true, principals, actions, List.of("*"), List.of(c));
  }

  private static Document doc(Statement... statements) {
    return new Document(List.of(statements));
  }

  private static Policies identity(Document... documents) {
    return Policies.identityOnly(ACCOUNT, List.of(documents));
  }

  private static final Map<String, List<String>> ROOT =
      Map.of("AWS", List.of("arn:aws:iam::" + ACCOUNT + ":root"));
  private static final Map<String, List<String>> ANYONE = Map.of("AWS", List.of("*"));

  @Test
  void anIdentityPolicyAllowsWhatItNamesInItsOwnAccountAndNothingElse() {
    Policies policies = identity(doc(allow(List.of("dynamodb:GetItem"), List.of(TABLE))));
    assertAll(
        () ->
            assertEquals(
                ALLOW,
                PolicyEvaluator.evaluate(Request.of(ROLE, "dynamodb:GetItem", TABLE), policies)),
        () ->
            assertEquals(
                IMPLICIT_DENY,
                PolicyEvaluator.evaluate(Request.of(ROLE, "dynamodb:PutItem", TABLE), policies)),
        () ->
            assertEquals(
                IMPLICIT_DENY,
                PolicyEvaluator.evaluate(
                    Request.of(ROLE, "dynamodb:GetItem", TABLE + "2"), policies)),
        // Action names are case-insensitive, and wildcards match across them.
        () ->
            assertEquals(
                ALLOW,
                PolicyEvaluator.evaluate(
                    Request.of(ROLE, "DynamoDB:getitem", TABLE),
                    identity(
                        doc(allow(List.of("dynamodb:Get*"), List.of("arn:aws:dynamodb:*")))))));
  }

  @Test
  void anExplicitDenyAnywhereWins() {
    Statement deny = new Statement("", false, ANYONE, List.of("*"), List.of("*"), List.of());
    Policies policies = identity(doc(allow(List.of("*"), List.of("*")))).resource(doc(deny));
    assertEquals(
        EXPLICIT_DENY,
        PolicyEvaluator.evaluate(Request.of(ROLE, "sns:Publish", "arn:aws:sns:x"), policies));
  }

  @Test
  void anotherAccountNeedsTheResourcePolicyAndItsOwnIdentityPolicy() {
    Policies noResourcePolicy =
        Policies.identityOnly(ACCOUNT, List.of(doc(allow(List.of("*"), List.of("*")))));
    assertEquals(
        IMPLICIT_DENY,
        PolicyEvaluator.evaluate(
            Request.of(STRANGER, "dynamodb:GetItem", TABLE), noResourcePolicy));
    Policies granted =
        noResourcePolicy.resource(
            doc(allowFor(Map.of("AWS", List.of(OTHER)), List.of("dynamodb:GetItem"))));
    assertEquals(
        ALLOW, PolicyEvaluator.evaluate(Request.of(STRANGER, "dynamodb:GetItem", TABLE), granted));
  }

  @Test
  void aKeyPolicyNamingTheAccountOnlyDelegatesToTheIdentityPolicy() {
    Document key = doc(allowFor(ROOT, List.of("kms:*")));
    Request decrypt = Request.of(ROLE, "kms:Decrypt", KEY);
    assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(decrypt, identity().key(key)));
    assertEquals(
        ALLOW,
        PolicyEvaluator.evaluate(
            decrypt, identity(doc(allow(List.of("kms:Decrypt"), List.of(KEY)))).key(key)));
  }

  @Test
  void anIdentityPolicyAloneNeverOpensAKey() {
    Document key =
        doc(allowFor(Map.of("Service", List.of("logs.amazonaws.com")), List.of("kms:*")));
    assertEquals(
        IMPLICIT_DENY,
        PolicyEvaluator.evaluate(
            Request.of(ROLE, "kms:Decrypt", KEY),
            identity(doc(allow(List.of("kms:*"), List.of("*")))).key(key)));
  }

  @Test
  void aKeyPolicyForEveryoneThroughOneServiceAllowsOnlyThroughIt() {
    Document key =
        doc(
            allowFor(
                ANYONE,
                List.of("kms:Decrypt"),
                new Condition(
                    "StringEquals", "kms:ViaService", List.of("dynamodb.us-east-1.amazonaws.com")),
                new Condition("StringEquals", "kms:CallerAccount", List.of(ACCOUNT))));
    Request direct = Request.of(ROLE, "kms:Decrypt", KEY).with("kms:CallerAccount", ACCOUNT);
    assertAll(
        () ->
            assertEquals(
                ALLOW,
                PolicyEvaluator.evaluate(
                    direct.with("kms:ViaService", "dynamodb.us-east-1.amazonaws.com"),
                    identity().key(key))),
        () -> assertEquals(IMPLICIT_DENY, PolicyEvaluator.evaluate(direct, identity().key(key))),
        () ->
            assertEquals(
                IMPLICIT_DENY,
                PolicyEvaluator.evaluate(
                    direct.with("kms:ViaService", "dynamodb.us-east-2.amazonaws.com"),
                    identity().key(key))),
        () ->
            assertEquals(
                IMPLICIT_DENY,
                PolicyEvaluator.evaluate(
                    Request.of(STRANGER, "kms:Decrypt", KEY)
                        .with("kms:CallerAccount", OTHER)
                        .with("kms:ViaService", "dynamodb.us-east-1.amazonaws.com"),
                    Policies.identityOnly(
                            ACCOUNT, List.of(doc(allow(List.of("kms:*"), List.of("*")))))
                        .key(key))));
  }

  @Test
  void aServicePrincipalIsAllowedOnlyByAResourcePolicyNamingIt() {
    Principal cloudwatch = Principal.service("cloudwatch.amazonaws.com");
    Request publish = Request.of(cloudwatch, "sns:Publish", "arn:aws:sns:us-east-1:1:t");
    assertEquals(
        IMPLICIT_DENY,
        PolicyEvaluator.evaluate(
            publish, identity().resource(doc(allowFor(ROOT, List.of("sns:Publish"))))));
    assertEquals(
        ALLOW,
        PolicyEvaluator.evaluate(
            publish,
            identity()
                .resource(
                    doc(
                        allowFor(
                            Map.of("Service", List.of("cloudwatch.amazonaws.com")),
                            List.of("sns:Publish"))))));
  }

  @Test
  void anEndpointPolicyMustAlsoAllowAndNamesEveryPrincipalOfAnAccountByIt() {
    Policies identity = identity(doc(allow(List.of("dynamodb:GetItem"), List.of(TABLE))));
    Request get = Request.of(ROLE, "dynamodb:GetItem", TABLE);
    Statement tableOnly =
        new Statement("", true, ROOT, List.of("dynamodb:GetItem"), List.of(TABLE), List.of());
    assertEquals(ALLOW, PolicyEvaluator.evaluate(get, identity.through(doc(tableOnly))));
    assertEquals(
        IMPLICIT_DENY,
        PolicyEvaluator.evaluate(
            Request.of(ROLE, "dynamodb:GetItem", TABLE + "2"),
            identityOnlyAll().through(doc(tableOnly))));
    assertEquals(
        IMPLICIT_DENY,
        PolicyEvaluator.evaluate(
            Request.of(STRANGER, "dynamodb:GetItem", TABLE),
            Policies.identityOnly(OTHER, List.of(doc(allow(List.of("*"), List.of("*")))))
                .through(doc(tableOnly))));
  }

  private static Policies identityOnlyAll() {
    return identity(doc(allow(List.of("*"), List.of("*"))));
  }

  @Test
  void conditionOperators() {
    Map<String, List<String>> context =
        Map.of(
            "aws:SourceArn", List.of("arn:aws:fis:us-east-1:" + ACCOUNT + ":experiment/EXP1"),
            "aws:SecureTransport", List.of("false"),
            "dynamodb:LeadingKeys", List.of("dr-canary#us-east-1"));
    assertAll(
        () ->
            assertTrue(
                holds(
                    "ArnLike",
                    "aws:SourceArn",
                    context,
                    "arn:aws:fis:*:" + ACCOUNT + ":experiment/*")),
        () ->
            assertTrue(
                holds(
                    "ArnEquals",
                    "aws:SourceArn",
                    context,
                    "arn:aws:fis:us-east-1:*:experiment/EXP1")),
        // A wildcard stays within its ARN component: "*" is not region plus account.
        () -> assertFalse(holds("ArnLike", "aws:SourceArn", context, "arn:aws:fis:*:experiment/*")),
        () ->
            assertFalse(
                holds(
                    "ArnLike",
                    "aws:SourceArn",
                    context,
                    "arn:aws:fis:us-east-1:" + OTHER + ":experiment/*")),
        () -> assertTrue(holds("Bool", "aws:SecureTransport", context, "false")),
        () -> assertFalse(holds("Bool", "aws:SecureTransport", context, "true")),
        () -> assertTrue(holds("StringLike", "dynamodb:LeadingKeys", context, "dr-canary#*")),
        () ->
            assertTrue(
                holds("StringNotEquals", "dynamodb:LeadingKeys", context, "dr-canary#us-east-2")),
        () ->
            assertTrue(
                holds(
                    "ForAllValues:StringEquals",
                    "dynamodb:LeadingKeys",
                    context,
                    "dr-canary#us-east-1")),
        () ->
            assertFalse(
                holds(
                    "ForAllValues:StringEquals",
                    "dynamodb:LeadingKeys",
                    Map.of(
                        "dynamodb:LeadingKeys",
                        List.of("dr-canary#us-east-1", "dr-canary#us-east-2")),
                    "dr-canary#us-east-1")),
        () ->
            assertTrue(
                holds(
                    "ForAnyValue:StringEquals",
                    "dynamodb:LeadingKeys",
                    Map.of("dynamodb:LeadingKeys", List.of("a", "dr-canary#us-east-1")),
                    "dr-canary#us-east-1")),
        // An absent key: a set ForAllValues holds vacuously, IfExists and negations hold, the rest
        // fail.
        () -> assertTrue(holds("ForAllValues:StringEquals", "aws:Missing", context, "x")),
        () -> assertTrue(holds("StringEqualsIfExists", "aws:Missing", context, "x")),
        () -> assertTrue(holds("StringNotEquals", "aws:Missing", context, "x")),
        () -> assertFalse(holds("StringEquals", "aws:Missing", context, "x")),
        () -> assertFalse(holds("ArnLike", "aws:Missing", context, "*")),
        () -> assertTrue(holds("Null", "aws:Missing", context, "true")),
        () -> assertFalse(holds("Null", "aws:SourceArn", context, "true")),
        () ->
            assertThrows(
                IllegalArgumentException.class,
                () -> holds("NumericLessThan", "aws:SourceArn", context, "1")));
  }

  @Test
  void wildcards() {
    assertAll(
        () ->
            assertTrue(
                PolicyEvaluator.wildcard(
                    "arn:aws:s3:::al2023-repos-*/*",
                    "arn:aws:s3:::al2023-repos-us-east-1-de612dc2/core/x.rpm",
                    false)),
        () ->
            assertFalse(
                PolicyEvaluator.wildcard(
                    "arn:aws:s3:::al2023-repos-*/*",
                    "arn:aws:s3:::al2023-repos-us-east-1-de612dc2",
                    false)),
        () -> assertTrue(PolicyEvaluator.wildcard("a?c", "abc", false)),
        () -> assertFalse(PolicyEvaluator.wildcard("a?c", "abbc", false)),
        () -> assertFalse(PolicyEvaluator.wildcard("a.c", "abc", false)),
        () -> assertTrue(PolicyEvaluator.wildcard("S3:Get*", "s3:getobject", true)));
  }

  private static boolean holds(
      String operator, String key, Map<String, List<String>> context, String value) {
    return PolicyEvaluator.holds(new Condition(operator, key, List.of(value)), context);
  }
}
