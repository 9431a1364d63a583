package io.sparkrelay.bridge.nats;

/**
 * The outcome for one event. A failure has a short reason (a metric tag: {@code payload-too-large},
 * {@code timeout}, {@code refused}) and the detail for the log.
 */
public record PublishResult(PublishOutcome outcome, String failureReason, String detail) {

  /** The server's max_payload is smaller than the event: no retry can ever succeed. */
  public static final String PAYLOAD_TOO_LARGE = "payload-too-large";

  static final PublishResult STORED = new PublishResult(PublishOutcome.STORED, null, null);
  static final PublishResult DUPLICATE = new PublishResult(PublishOutcome.DUPLICATE, null, null);

  static PublishResult failed(String reason, String detail) {
    return new PublishResult(PublishOutcome.FAILED, reason, detail);
  }
}
