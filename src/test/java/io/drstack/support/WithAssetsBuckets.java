package io.drstack.support;

import io.drstack.TapStack;
import io.drstack.constructs.AssetsBucket;
import io.drstack.constructs.Region;
import io.drstack.constructs.RegionalKey;
import io.drstack.constructs.Site;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * Every configuration of {@link Stacks} with CONTRIBUTING.md's worked example, {@link
 * AssetsBucket}, in both sites, built as {@link Site} would build it: {@code new AssetsBucket(site,
 * "assets", ...)}. The stack does not ship the example; these stacks prove that the guide's steps
 * produce a construct that keeps the stack's rules. Each is synthesized once per run.
 */
public final class WithAssetsBuckets implements ArgumentsProvider {
  private static final Map<Stacks.Configuration, Synthesized> CACHE = new ConcurrentHashMap<>();

  /** The stack of {@code configuration} with a bucket in each site. */
  public static Synthesized of(Stacks.Configuration configuration) {
    return CACHE.computeIfAbsent(
        configuration,
        c -> Synthesized.extended(c.stack().config(), WithAssetsBuckets::addToSites));
  }

  private static void addToSites(TapStack stack) {
    for (String id : List.of("primary", "secondary")) {
      Site site = (Site) stack.getNode().findChild(id);
      Region region = site.region();
      RegionalKey key = site.key();
      // CONTRIBUTING.md's line for Site's constructor, with the site for this.
      new AssetsBucket(site, "assets", new AssetsBucket.Props(region, key));
    }
  }

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    return Arrays.stream(Stacks.Configuration.values())
        .map(c -> Arguments.of(Named.of(c.label() + " with assets buckets", of(c))));
  }
}
