package io.sparkrelay.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The names of a run's objects. The Workflow's name is the trigger and a hash of the run id, so an
 * event delivered twice always gets the same name (the second create answers 409); the
 * SparkApplication's name is the Workflow's and the step's, shortened so that the hash survives.
 */
public final class RunNames {

  private static final int HASH_DIGITS = 10;
  private static final String SUBMIT_PREFIX = "submit-";

  private RunNames() {}

  /** {@code <trigger>-<first 10 hex digits of SHA-256(runId)>}, at most 63 characters. */
  public static String workflow(String trigger, String runId) {
    String prefix = trigger.toLowerCase(Locale.ROOT);
    int room = KubernetesNames.MAX_LENGTH - HASH_DIGITS - 1;
    if (prefix.length() > room) {
      prefix = prefix.substring(0, room);
    }
    return trimDashes(prefix) + "-" + runIdHash(runId);
  }

  /**
   * {@code <workflow>-<step without "submit-">}, at most 63 characters; a long Workflow name loses
   * its front, never its last segment (the run id's hash), so two runs never share a name.
   */
  public static String application(String workflow, String step) {
    String suffix = step.startsWith(SUBMIT_PREFIX) ? step.substring(SUBMIT_PREFIX.length()) : step;
    int room = KubernetesNames.MAX_LENGTH - suffix.length() - 1;
    String head = workflow.length() <= room ? workflow : shorten(workflow, room);
    return head + "-" + suffix;
  }

  static String runIdHash(String runId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(runId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String shorten(String workflow, int room) {
    int dash = workflow.lastIndexOf('-');
    String tail = dash < 0 ? "" : workflow.substring(dash);
    if (tail.length() >= room) {
      return trimDashes(workflow.substring(0, room));
    }
    String front = trimDashes(workflow.substring(0, room - tail.length()));
    return front.isEmpty() ? trimDashes(tail.substring(1)) : front + tail;
  }

  private static String trimDashes(String value) {
    String v = value;
    while (v.endsWith("-")) {
      v = v.substring(0, v.length() - 1);
    }
    return v;
  }
}
