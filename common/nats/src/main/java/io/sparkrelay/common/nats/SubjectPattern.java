package io.sparkrelay.common.nats;

/** NATS subject wildcards: {@code *} is one token, {@code >} one or more at the end. */
public final class SubjectPattern {

  private SubjectPattern() {}

  /** Whether {@code pattern} matches the subject {@code subject}. */
  public static boolean matches(String pattern, String subject) {
    return covers(pattern, subject);
  }

  /**
   * Whether every subject {@code wanted} (a subject or itself a pattern) matches is matched by
   * {@code pattern}: a stream capturing {@code pattern} stores all that is published on {@code
   * wanted}.
   */
  public static boolean covers(String pattern, String wanted) {
    String[] p = pattern.split("\\.");
    String[] w = wanted.split("\\.");
    for (int i = 0; i < p.length; i++) {
      if (p[i].equals(">")) {
        return w.length > i;
      }
      if (i >= w.length || w[i].equals(">")) {
        return false;
      }
      if (!p[i].equals("*") && !p[i].equals(w[i])) {
        return false;
      }
    }
    return p.length == w.length;
  }
}
