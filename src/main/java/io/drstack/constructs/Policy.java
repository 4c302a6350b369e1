package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocument;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentConfig;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatement;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementCondition;
import com.hashicorp.cdktf.providers.aws.data_aws_iam_policy_document.DataAwsIamPolicyDocumentStatementPrincipals;
import java.util.ArrayList;
import java.util.List;
import software.constructs.Construct;

/** Terse, typed IAM policy documents ({@code data aws_iam_policy_document}). */
final class Policy {
  private Policy() {}

  /** One {@code Allow} statement. */
  static Statement allow(String sid, List<String> actions, List<String> resources) {
    return new Statement(sid, "Allow", actions, resources);
  }

  /** One {@code Deny} statement: it wins over every allow, in any policy. */
  static Statement deny(String sid, List<String> actions, List<String> resources) {
    return new Statement(sid, "Deny", actions, resources);
  }

  /** Renders the statements as a policy document in {@code region}; returns its JSON. */
  static String document(Construct scope, String id, Region region, List<Statement> statements) {
    return new DataAwsIamPolicyDocument(
            scope,
            id,
            DataAwsIamPolicyDocumentConfig.builder()
                .provider(region.provider())
                .statement(statements.stream().map(Statement::build).toList())
                .build())
        .getJson();
  }

  /** A statement under construction. */
  static final class Statement {
    private final String sid;
    private final String effect;
    private final List<String> actions;
    private final List<String> resources;
    private final List<DataAwsIamPolicyDocumentStatementPrincipals> principals = new ArrayList<>();
    private final List<DataAwsIamPolicyDocumentStatementCondition> conditions = new ArrayList<>();

    private Statement(String sid, String effect, List<String> actions, List<String> resources) {
      this.sid = sid;
      this.effect = effect;
      this.actions = actions;
      this.resources = resources;
    }

    Statement principal(String type, String... identifiers) {
      principals.add(
          DataAwsIamPolicyDocumentStatementPrincipals.builder()
              .type(type)
              .identifiers(List.of(identifiers))
              .build());
      return this;
    }

    Statement condition(String test, String variable, String... values) {
      conditions.add(
          DataAwsIamPolicyDocumentStatementCondition.builder()
              .test(test)
              .variable(variable)
              .values(List.of(values))
              .build());
      return this;
    }

    private DataAwsIamPolicyDocumentStatement build() {
      var builder =
          DataAwsIamPolicyDocumentStatement.builder()
              .sid(sid)
              .effect(effect)
              .actions(actions)
              .resources(resources);
      if (!principals.isEmpty()) {
        builder.principals(principals);
      }
      if (!conditions.isEmpty()) {
        builder.condition(conditions);
      }
      return builder.build();
    }
  }
}
