package io.drstack.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of the stack. Built once by {@link ConfigLoader} before any
 * construct exists; every construct reads from it and nothing else.
 *
 * @param environmentSuffix carried by every resource name, so environments can share an account
 * @param expectedAccountId the only account the providers may plan or apply in
 * @param primary the region that serves traffic
 * @param secondary the warm standby, or the second serving region
 * @param traffic how the regions share the traffic, and the front door
 * @param tags applied to every resource through the providers' {@code default_tags}
 * @param objectives the recovery targets the stack must be able to meet
 * @param rehearsal the failover drill and the Region switch plan
 * @param canary the data-tier canary on the instances
 * @param preventDestroy Terraform refuses any plan that would destroy or replace the table or a key
 *     ({@code lifecycle.prevent_destroy})
 * @param emulatorEndpoint a local AWS emulator both providers talk to instead of AWS (tests only);
 *     empty for real AWS
 * @param warnings accepted settings that may not do what their user expects, each naming its
 *     setting; synth shows them
 */
public record DrConfig(
    String environmentSuffix,
    Optional<String> expectedAccountId,
    RegionSettings primary,
    RegionSettings secondary,
    TrafficSettings traffic,
    Map<String, String> tags,
    StateBackend stateBackend,
    TableSettings table,
    ServiceSettings service,
    DnsSettings dns,
    AlertingSettings alerting,
    Objectives objectives,
    RehearsalSettings rehearsal,
    CanarySettings canary,
    boolean preventDestroy,
    Optional<String> emulatorEndpoint,
    List<String> warnings) {

  public DrConfig {
    tags = Map.copyOf(tags);
    warnings = List.copyOf(warnings);
  }

  /** The name of the stack, and of its directory under {@code cdktf.out/stacks/}. */
  public String stackName() {
    return new Names(environmentSuffix).stack();
  }
}
