package io.drstack.config;

/**
 * The application tier shared by both regions.
 *
 * @param instanceType EC2 instance type of the application servers
 * @param appPort port the instances listen on, reachable only from the load balancer
 * @param albDeletionProtection refuse deleting the load balancers until switched off
 */
public record ServiceSettings(String instanceType, int appPort, boolean albDeletionProtection) {

  static ServiceSettings read(SettingSource settings) {
    return new ServiceSettings(
        settings.get(Setting.INSTANCE_TYPE),
        settings.get(Setting.APP_PORT),
        settings.get(Setting.ALB_DELETION_PROTECTION));
  }
}
