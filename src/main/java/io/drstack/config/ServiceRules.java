package io.drstack.config;

import java.util.Optional;

/** The application: its instances, their AMI, port and load balancers, in both regions. */
final class ServiceRules {
  private ServiceRules() {}

  static ServiceSettings service(SettingSource settings) {
    return new ServiceSettings(
        settings.get(Setting.INSTANCE_TYPE),
        settings.get(Setting.APP_PORT),
        settings.get(Setting.ALB_DELETION_PROTECTION));
  }

  /** The HTTPS listener's certificate; ACM certificates serve only their own region. */
  static Optional<String> certificateArn(
      SettingSource settings, Setting<String> setting, String region) {
    Optional<String> certificateArn = settings.optional(setting);
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
          var matcher = Setting.CERTIFICATE_ARN.matcher(arn);
          if (matcher.matches() && !matcher.group(1).equals(region)) {
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
}
