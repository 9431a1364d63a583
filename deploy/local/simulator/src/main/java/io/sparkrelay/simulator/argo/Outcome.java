package io.sparkrelay.simulator.argo;

import java.time.Duration;

/**
 * How a node ended: an Argo node phase (Succeeded, Failed, Error, Skipped, Omitted), a message, the
 * output result, and for http nodes the server's Retry-After.
 */
record Outcome(String phase, String message, String result, Duration retryAfter) {

  static final String SUCCEEDED = "Succeeded";
  static final String FAILED = "Failed";
  static final String ERROR = "Error";
  static final String OMITTED = "Omitted";

  static Outcome succeeded(String result) {
    return new Outcome(SUCCEEDED, null, result, null);
  }

  static Outcome failed(String message) {
    return new Outcome(FAILED, message, null, null);
  }

  static Outcome error(String message) {
    return new Outcome(ERROR, message, null, null);
  }

  boolean isSuccess() {
    return SUCCEEDED.equals(phase);
  }
}
