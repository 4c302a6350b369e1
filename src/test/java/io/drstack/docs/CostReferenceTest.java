package io.drstack.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class CostReferenceTest {

  @Test
  void committedPriceTableIsCurrent() throws IOException {
    String document = Files.readString(CostReference.DOCUMENT, StandardCharsets.UTF_8);
    assertEquals(
        CostReference.prices(),
        CostReference.PRICES.current(document),
        CostReference.DOCUMENT
            + " shows an outdated price table; regenerate it with: "
            + CostReference.COMMAND);
  }

  @Test
  void committedExampleEstimatesAreCurrent() throws IOException {
    String document = Files.readString(CostReference.DOCUMENT, StandardCharsets.UTF_8);
    assertEquals(
        CostReference.examples(CostReference.estimates()),
        CostReference.EXAMPLES.current(document),
        CostReference.DOCUMENT
            + " shows outdated estimates of the examples; regenerate them with: "
            + CostReference.COMMAND);
  }
}
