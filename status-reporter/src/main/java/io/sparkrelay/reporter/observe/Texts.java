package io.sparkrelay.reporter.observe;

/** Texts that came from another service or a sender, bounded before they are stored. */
final class Texts {

  /** Longest reason kept; reasons are sentences, a longer one is cut. */
  static final int MAX_REASON = 1000;

  private Texts() {}

  static String bounded(String text) {
    return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON) + "...";
  }
}
