package io.drstack.constructs;

import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameter;
import com.hashicorp.cdktf.providers.aws.data_aws_ssm_parameter.DataAwsSsmParameterConfig;
import com.hashicorp.cdktf.providers.aws.ssm_parameter.SsmParameter;
import com.hashicorp.cdktf.providers.aws.ssm_parameter.SsmParameterConfig;
import java.util.List;
import software.constructs.Construct;

/**
 * The only way a value leaves its region. The value is published as an {@code aws_ssm_parameter} in
 * the region that owns it and read back by a {@code data aws_ssm_parameter} in that same region,
 * which waits for the parameter ({@code depends_on}). Other regions use {@link #value()}, the
 * read-back, and never the owning resource: no resource of one region refers to a resource of
 * another.
 */
public final class SsmHandOff extends Construct {

  /** What is handed off; the segment names the parameter. */
  public enum Kind {
    KMS_KEY_ARN("kms-key-arn", "ARN of the stack's customer-managed KMS key"),
    ALB_DNS("alb-dns", "DNS name of the application load balancer"),
    ALB_ZONE_ID("alb-zone-id", "Route 53 hosted zone id of the application load balancer"),
    ALB_ARN("alb-arn", "ARN of the application load balancer"),
    ASG_ARN("asg-arn", "ARN of the application's Auto Scaling group");

    private final String segment;
    private final String description;

    Kind(String segment, String description) {
      this.segment = segment;
      this.description = description;
    }
  }

  /**
   * Inputs of the construct.
   *
   * @param region the region that owns the value, and so holds the parameter
   * @param kind what is handed off
   * @param value the owning resource's attribute, in {@code region}
   */
  public record Props(Region region, Kind kind, String value) {}

  private final Region region;
  private final SsmParameter parameter;
  private final DataAwsSsmParameter readBack;

  public SsmHandOff(Construct scope, String id, Props props) {
    super(scope, id);
    this.region = props.region();
    String name = region.names().path(props.kind().segment, region.name());
    this.parameter =
        new SsmParameter(
            this,
            "parameter",
            SsmParameterConfig.builder()
                .provider(region.provider())
                .name(name)
                .description(props.kind().description + " in " + region.name())
                .type("String")
                .tier("Standard")
                // Public identifiers, so plans show them: a changed key ARN (which updates the
                // replica) must be readable in review, not "(sensitive value)".
                .insecureValue(props.value())
                .build());
    this.readBack =
        new DataAwsSsmParameter(
            this,
            "read-back",
            DataAwsSsmParameterConfig.builder()
                .provider(region.provider())
                .name(name)
                .dependsOn(List.of(parameter))
                .build());
  }

  /** {@code /dr/<suffix>/<kind>/<region>}: the parameter's name. */
  public String parameterName() {
    return parameter.getNameInput();
  }

  /** The value as read back from SSM: safe to use in any region. */
  public String value() {
    return readBack.getInsecureValue();
  }

  /** The region that owns the value. */
  public Region region() {
    return region;
  }
}
