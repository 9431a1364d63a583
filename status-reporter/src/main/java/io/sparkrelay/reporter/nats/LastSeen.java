package io.sparkrelay.reporter.nats;

import io.nats.client.JetStreamApiException;
import java.io.IOException;

/**
 * Whether a stream or bucket exists, as last asked of the server: the background asks, a probe
 * reads the answer without waiting on the server.
 */
final class LastSeen {

  /** A question to the server: does it exist? Failing to answer counts as no. */
  @FunctionalInterface
  interface Question {
    boolean exists() throws IOException, JetStreamApiException;
  }

  private volatile boolean present;

  /** Asks now and remembers the answer. */
  boolean ask(Question question) {
    boolean found;
    try {
      found = question.exists();
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      found = false;
    }
    present = found;
    return found;
  }

  /** It was just made or found. */
  void found() {
    present = true;
  }

  boolean present() {
    return present;
  }
}
