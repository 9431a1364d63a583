package io.sparkrelay.bridge.sqs;

/** Shortens sender-supplied text without cutting a character (a surrogate pair) in two. */
final class Excerpt {

  private Excerpt() {}

  /** The first {@code characters} characters of {@code text}, or all of it. */
  static String first(String text, int characters) {
    if (text.length() <= characters || text.codePointCount(0, text.length()) <= characters) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, characters));
  }

  /**
   * {@code text} when it has at most {@code max} characters, else its first {@code kept} ones and
   * "...".
   */
  static String abbreviated(String text, int max, int kept) {
    return first(text, max).length() == text.length() ? text : first(text, kept) + "...";
  }
}
