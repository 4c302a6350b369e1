package io.drstack.constructs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hashicorp.cdktf.TerraformLocal;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.Testing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * {@link Addresses}: CDKTF's own logical IDs for any path, and the {@link Addresses.Transparent}
 * and {@link Addresses.Prefix} rules that let constructs group code without moving a resource.
 */
class AddressesTest {

  /** Addresses in src/test/resources/synthesized/defaults.json and the paths CDKTF made them of. */
  @ParameterizedTest
  @CsvSource({
    "region-primary_caller_A6ECEED8, region-primary/caller",
    "region-secondary_partition_3DE25422, region-secondary/partition",
    // The construct id "key" is dropped from the readable part: "primary-key" ends with it.
    "primary-key_A86244A9, primary-key/key",
    "global-table_0446FA45, global-table/table",
    "primary-service_alb_A1726AEF, primary-service/alb",
    "secondary-service_flow-logs_log-group_6E5810C1, secondary-service/flow-logs/log-group",
  })
  void uniqueIdIsTheAddressCdktfGaveTheRecordedStack(String address, String path) {
    assertEquals(address, Addresses.uniqueId(List.of(path.split("/"))));
  }

  /** Paths that exercise each of CDKTF's rules, addressed by a plain CDKTF stack. */
  private static final List<List<String>> PATHS =
      List.of(
          List.of("single"),
          List.of("outer", "Default", "inner"),
          List.of("group", "Default"),
          List.of("group", "Resource", "item"),
          List.of("primary-key", "key"),
          List.of("a.b", "c d", "e-f"),
          List.of("x", "x", "y"));

  @Test
  void uniqueIdEqualsCdktfsOwnLogicalIds() throws Exception {
    TerraformStack stack = new TerraformStack(Testing.app(), "plain");
    List<String> expected = new ArrayList<>();
    for (List<String> path : PATHS) {
      Construct scope = stack;
      for (String id : path.subList(0, path.size() - 1)) {
        scope =
            scope.getNode().tryFindChild(id) instanceof Construct existing
                ? existing
                : new Construct(scope, id);
      }
      new TerraformLocal(scope, path.get(path.size() - 1), "value");
      expected.add(Addresses.uniqueId(path));
    }
    JsonNode locals = new ObjectMapper().readTree(Testing.synth(stack)).path("locals");
    List<String> cdktf = new ArrayList<>();
    locals.fieldNames().forEachRemaining(cdktf::add);
    assertEquals(expected.stream().sorted().toList(), cdktf.stream().sorted().toList());
    assertEquals("single", Addresses.uniqueId(List.of("single")), "one component: no hash");
    assertEquals(
        Addresses.uniqueId(List.of("outer", "inner")),
        Addresses.uniqueId(List.of("outer", "Default", "inner")),
        "Default is no part of an address");
  }

  @Test
  void aPathOfDefaultsAloneHasNoAddress() {
    assertThrows(IllegalArgumentException.class, () -> Addresses.uniqueId(List.of("Default")));
  }

  private static final class Group extends Construct implements Addresses.Transparent {
    Group(Construct scope, String id) {
      super(scope, id);
    }
  }

  private static final class Named extends Construct implements Addresses.Prefix {
    Named(Construct scope, String id) {
      super(scope, id);
    }
  }

  /** The constructs below the stack, outermost first, as TapStack hands them to allocate. */
  private static List<IConstruct> path(Construct leaf) {
    List<IConstruct> scopes = leaf.getNode().getScopes();
    return scopes.subList(2, scopes.size()); // the app and the stack are not part of it
  }

  @Test
  void transparentIdsAreLeftOutAndPrefixIdsAreHyphenatedToTheNext() {
    TerraformStack stack = new TerraformStack(Testing.app(), "grouped");
    Named site = new Named(stack, "primary");
    Group network = new Group(new Construct(site, "service"), "network");
    Named nested = new Named(new Named(stack, "a"), "b");
    Map<List<IConstruct>, List<String>> addressedAs =
        Map.of(
            path(new Construct(network, "vpc")), List.of("primary-service", "vpc"),
            path(new Construct(new Group(stack, "fleet"), "instances")), List.of("instances"),
            path(new Construct(site, "key")), List.of("primary-key"),
            path(new Construct(nested, "c")), List.of("a-b-c"),
            path(new Construct(new Group(nested, "hidden"), "d")), List.of("a-b-d"));
    Addresses addresses = new Addresses();
    addressedAs.forEach(
        (path, components) ->
            assertEquals(
                Addresses.uniqueId(components),
                addresses.allocate(path),
                () -> components.toString()));
    assertEquals("instances", Addresses.uniqueId(List.of("instances")));
  }

  @Test
  void twoPathsOnOneAddressAreRefusedNamingBoth() {
    TerraformStack stack = new TerraformStack(Testing.app(), "clash");
    List<IConstruct> first = path(new Construct(new Group(stack, "network"), "vpc"));
    List<IConstruct> second = path(new Construct(new Group(stack, "fleet"), "vpc"));
    Addresses addresses = new Addresses();
    String address = addresses.allocate(first);
    assertEquals(address, addresses.allocate(first), "the same path again is the same block");
    IllegalStateException refused =
        assertThrows(IllegalStateException.class, () -> addresses.allocate(second));
    assertTrue(refused.getMessage().contains(address), refused.getMessage());
    assertTrue(refused.getMessage().contains("network/vpc"), refused.getMessage());
    assertTrue(refused.getMessage().contains("fleet/vpc"), refused.getMessage());
  }
}
