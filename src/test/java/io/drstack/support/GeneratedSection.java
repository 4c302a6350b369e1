package io.drstack.support;

/**
 * The part of a document between two HTML-comment markers that a generator owns: the rest of the
 * document is written by hand and left as it is.
 *
 * @param begin the marker before the generated text
 * @param end the marker after it
 */
public record GeneratedSection(String begin, String end) {

  /** {@code <!-- name:begin -->} and {@code <!-- name:end -->}. */
  public static GeneratedSection named(String name) {
    return new GeneratedSection("<!-- " + name + ":begin -->", "<!-- " + name + ":end -->");
  }

  /** The text between the markers of {@code document}. */
  public String current(String document) {
    int from = document.indexOf(begin);
    int to = document.indexOf(end);
    if (from < 0 || to < from || document.indexOf(begin, from + 1) >= 0) {
      throw new IllegalArgumentException(
          "the document needs one " + begin + " and, after it, " + end);
    }
    return document.substring(from + begin.length(), to);
  }

  /** {@code document} with {@code text} between the markers instead of what was there. */
  public String replace(String document, String text) {
    current(document); // refuses a document without both markers
    return document.substring(0, document.indexOf(begin) + begin.length())
        + text
        + document.substring(document.indexOf(end));
  }
}
