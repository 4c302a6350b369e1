package io.drstack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The README and the exit path name the OpenTofu and provider versions CI installs. */
class ToolVersionsDocumentedTest {

  private static String pinned(String script, String variable) throws IOException {
    Matcher m =
        Pattern.compile("(?m)^" + variable + "=\"?(?:\\$\\{[A-Z_]+:-)?([0-9][0-9.]*)")
            .matcher(Files.readString(Path.of(".ci", "tools", script)));
    assertTrue(m.find(), script + " sets " + variable);
    return m.group(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"README.md", "help/exit-path.md"})
  void namesTheTestedVersions(String page) throws IOException {
    String text = Files.readString(Path.of(page));
    String tofu = "OpenTofu " + pinned("opentofu.sh", "OPENTOFU_VERSION");
    String provider = "AWS provider " + pinned("aws-provider.sh", "PROVIDER_VERSION");
    assertTrue(text.contains(tofu), page + " names " + tofu);
    assertTrue(text.contains(provider), page + " names the " + provider);
    assertTrue(text.contains("Terraform 1."), page + " names the Terraform version");
  }
}
