package io.sparkrelay.bridge.eventbus;

/** NATS subject wildcard matching ({@code *} one token, {@code >} the rest). */
final class SubjectPattern {

  private SubjectPattern() {}

  static boolean matches(String pattern, String subject) {
    String[] p = pattern.split("\\.");
    String[] s = subject.split("\\.");
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals(">")) {
        return s.length > i;
      }
      if (i >= s.length || !(p[i].equals("*") || p[i].equals(s[i]))) {
        return false;
      }
    }
    return p.length == s.length;
  }
}
