package io.drstack.config;

import java.util.Optional;
import java.util.regex.Pattern;

/** The application: its instances, their AMI, port and load balancers, in both regions. */
final class ServiceRules {
  private ServiceRules() {}

  private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");

  /** Graviton families (a1, t4g, m6gd, c7gn, ...): the stack's AMI is x86_64. */
  private static final Pattern ARM_INSTANCE_TYPE =
      Pattern.compile("(a1|[a-z]+\\d+[a-z]*g[a-z]*)\\..*");

  private static final Pattern CERTIFICATE_ARN =
      Pattern.compile("arn:aws:acm:([a-z0-9-]+):\\d{12}:certificate/[0-9a-f-]{36}");

  private static final Pattern AMI_ID = Pattern.compile("ami-([0-9a-f]{8}|[0-9a-f]{17})");

  static ServiceSettings service(SettingSource settings) {
    String instanceType = settings.text(Setting.INSTANCE_TYPE);
    if (!INSTANCE_TYPE.matcher(instanceType).matches()) {
      settings.refuse(Setting.INSTANCE_TYPE, instanceType, "an EC2 instance type such as t3.micro");
    } else if (ARM_INSTANCE_TYPE.matcher(instanceType).matches()) {
      settings.refuse(
          Setting.INSTANCE_TYPE,
          instanceType,
          "an x86_64 instance type such as t3.micro (the instances boot the x86_64 Amazon Linux"
              + " 2023 AMI, so Graviton types cannot launch it)");
    }
    return new ServiceSettings(
        instanceType,
        settings.integer(Setting.APP_PORT, 1024, 65535),
        settings.bool(Setting.ALB_DELETION_PROTECTION));
  }

  /** The HTTPS listener's certificate; ACM certificates serve only their own region. */
  static Optional<String> certificateArn(SettingSource settings, Setting setting, String region) {
    Optional<String> certificateArn = settings.optionalText(setting);
    if (certificateArn.isEmpty()) {
      settings.warn(
          setting,
          "",
          "no certificate, so the load balancer in "
              + region
              + " serves plain HTTP; set an ACM certificate of "
              + region
              + " before serving real users (help/configuration.md)");
    }
    certificateArn.ifPresent(
        arn -> {
          var matcher = CERTIFICATE_ARN.matcher(arn);
          if (!matcher.matches()) {
            settings.refuse(
                setting,
                arn,
                "an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<uuid>)"
                    + " or empty for plain HTTP");
          } else if (!matcher.group(1).equals(region)) {
            settings.refuse(
                setting,
                arn,
                "a certificate in "
                    + region
                    + ", the region of its load balancer (ACM certificates are regional)");
          }
        });
    return certificateArn;
  }

  static Optional<String> amiId(SettingSource settings, Setting setting) {
    return settings.optionalText(
        setting,
        AMI_ID.asMatchPredicate(),
        "an x86_64 AMI ID of the region (ami- and 8 or 17 hexadecimal digits), or"
            + " empty to take the newest Amazon Linux 2023 AMI once, at creation");
  }
}
