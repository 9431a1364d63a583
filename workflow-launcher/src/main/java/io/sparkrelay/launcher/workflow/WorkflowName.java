package io.sparkrelay.launcher.workflow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The Workflow name {@code <trigger>-<first 10 hex digits of sha256(run id)>}: the same event
 * always gets the same name, so a second create answers 409 instead of making a duplicate.
 */
public final class WorkflowName {

  private static final int MAX_LENGTH = 63;
  private static final int HASH_DIGITS = 10;

  private WorkflowName() {}

  public static String of(String trigger, String runId) {
    String prefix = trigger.toLowerCase();
    int room = MAX_LENGTH - HASH_DIGITS - 1;
    if (prefix.length() > room) {
      prefix = prefix.substring(0, room);
    }
    while (prefix.endsWith("-")) {
      prefix = prefix.substring(0, prefix.length() - 1);
    }
    return prefix + "-" + runIdHash(runId);
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
}
