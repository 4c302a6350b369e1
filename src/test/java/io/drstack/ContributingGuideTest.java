package io.drstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hashicorp.cdktf.providers.aws.s3_bucket.S3Bucket;
import com.hashicorp.cdktf.providers.aws.s3_bucket.S3BucketConfig;
import io.drstack.constructs.Site;
import io.drstack.docs.ArchitectureDiagram;
import io.drstack.docs.ConfigurationReference;
import io.drstack.docs.CostReference;
import io.drstack.docs.OutputsReference;
import io.drstack.support.Stacks;
import io.drstack.support.Synthesized;
import io.drstack.support.WithAssetsBuckets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.opentest4j.AssertionFailedError;

/**
 * CONTRIBUTING.md's guide to adding a resource, followed for real: its code is the worked example's
 * code word for word, the example keeps every stack-wide rule the guide states, breaking a rule the
 * guide states fails the test that enforces it, and the commands and files the guide names exist.
 */
class ContributingGuideTest {

  private static final Path GUIDE = Path.of("CONTRIBUTING.md");

  /** A Java block of the guide, marked as a whole file or an excerpt of one. */
  private static final Pattern CODE =
      Pattern.compile("(?ms)^<!-- (file|excerpt): (\\S+) -->\\n```java\\n(.*?)^```$");

  /** A repository path in a code span: {@code `src/...`}, {@code `.ci/...`} and the like. */
  private static final Pattern PATH =
      Pattern.compile("`((?:src|\\.ci|help|docs|examples)/[^`<>*\\s]*)`");

  @Test
  void theGuidesCodeIsTheExamplesCodeWordForWord() throws IOException {
    Matcher code = CODE.matcher(Files.readString(GUIDE));
    List<String> kinds = new ArrayList<>();
    while (code.find()) {
      String source = Files.readString(Path.of(code.group(2)));
      if (code.group(1).equals("file")) {
        assertEquals(source, code.group(3), code.group(2) + " differs from the guide's copy");
      } else {
        assertTrue(
            source.contains(code.group(3)),
            () -> code.group(2) + " no longer contains the guide's excerpt:\n" + code.group(3));
      }
      kinds.add(code.group(1));
    }
    assertEquals(List.of("file", "excerpt"), kinds, "the construct, then its test");
  }

  /** The line the guide adds to {@code Site} is the one the example's stacks run. */
  @Test
  void theGuidesLineForSiteIsTheOneTheExampleRuns() throws IOException {
    Matcher line =
        Pattern.compile("(?m)^\\s*(new AssetsBucket\\(site, .*;)$")
            .matcher(
                Files.readString(
                    Path.of("src/test/java/io/drstack/support/WithAssetsBuckets.java")));
    assertTrue(line.find(), "WithAssetsBuckets builds the bucket");
    String inSite = line.group(1).replace("(site, ", "(this, ");
    assertTrue(
        Files.readString(GUIDE).contains("```java\n" + inSite + "\n```"),
        () -> "CONTRIBUTING.md shows Site's line as " + inSite);
  }

  @ParameterizedTest
  @ArgumentsSource(WithAssetsBuckets.class)
  void theExampleKeepsTheRulesOfEveryStack(Synthesized stack) {
    assertEquals(2, stack.resources("aws_s3_bucket").size(), "a bucket per region");
    new NamesTest().everyNameInTheStackWasIssuedByItsNames(stack);
    StackInvariantsTest invariants = new StackInvariantsTest();
    invariants.everyAwsBlockNamesADeclaredProvider(stack);
    invariants.valuesCrossRegionsOnlyThroughSsm(stack);
    invariants.everyNameCarriesTheSuffix(stack);
    invariants.everyProviderTagsResourcesWithTheEnvironment(stack);
  }

  /** The guide's example of a name not issued by {@code Names}. */
  @Test
  void aBucketNamedByHandFailsTheNameCheck() throws IOException {
    String byHand = "dr-assets-us-east-1";
    assertTrue(Files.readString(GUIDE).contains(".bucket(\"" + byHand + "\")"));
    Synthesized stack =
        withPrimaryBucket(
            (site, bucket) -> bucket.provider(site.region().provider()).bucket(byHand));
    AssertionFailedError failure =
        assertThrows(
            AssertionFailedError.class,
            () -> new NamesTest().everyNameInTheStackWasIssuedByItsNames(stack));
    assertTrue(failure.getMessage().contains(byHand), failure.getMessage());
  }

  @Test
  void aBucketWithoutTheRegionsProviderFailsTheProviderCheck() {
    Synthesized stack =
        withPrimaryBucket(
            (site, bucket) -> bucket.bucketPrefix(site.region().names().bucketPrefix("assets")));
    AssertionFailedError failure =
        assertThrows(
            AssertionFailedError.class,
            () -> new StackInvariantsTest().everyAwsBlockNamesADeclaredProvider(stack));
    assertTrue(failure.getMessage().contains("aws_s3_bucket."), failure.getMessage());
  }

  private interface BucketRecipe {
    void apply(Site site, S3BucketConfig.Builder bucket);
  }

  private static Synthesized withPrimaryBucket(BucketRecipe recipe) {
    Consumer<TapStack> extension =
        stack -> {
          Site site = (Site) stack.getNode().findChild("primary");
          S3BucketConfig.Builder bucket = S3BucketConfig.builder();
          recipe.apply(site, bucket);
          new S3Bucket(site, "assets", bucket.build());
        };
    return Synthesized.extended(Stacks.defaults().config(), extension);
  }

  @Test
  void theGuidesCommandsAreTheOnesTheTestsPrint() throws IOException {
    String guide = Files.readString(GUIDE);
    for (String command :
        List.of(
            AddressStabilityTest.RECORD_COMMAND,
            ArchitectureDiagram.COMMAND,
            ConfigurationReference.COMMAND,
            OutputsReference.COMMAND,
            CostReference.COMMAND)) {
      assertTrue(guide.contains(command + "\n"), () -> "CONTRIBUTING.md lacks: " + command);
    }
  }

  @Test
  void theTestsAndFilesTheGuideNamesExist() throws IOException {
    String guide = Files.readString(GUIDE);
    List<String> missing = new ArrayList<>();
    Matcher test = Pattern.compile("-Dtest=(\\w+)").matcher(guide);
    Matcher named = Pattern.compile("`(\\w+Test)`").matcher(guide);
    List<String> tests = new ArrayList<>();
    while (test.find()) {
      tests.add(test.group(1));
    }
    while (named.find()) {
      tests.add(named.group(1));
    }
    assertTrue(tests.size() > 5, tests::toString);
    try (Stream<Path> sources = Files.walk(Path.of("src/test/java"))) {
      List<String> classes =
          sources.map(p -> p.getFileName().toString().replaceFirst("\\.java$", "")).toList();
      tests.stream().filter(t -> !classes.contains(t)).forEach(missing::add);
    }
    Matcher path = PATH.matcher(guide);
    while (path.find()) {
      if (!Files.exists(Path.of(path.group(1)))) {
        missing.add(path.group(1));
      }
    }
    assertEquals(List.of(), missing, "named in CONTRIBUTING.md, not in the repository");
  }
}
