package io.sparkrelay.bridge.nats;

/** What became of one event handed to JetStream. */
public enum PublishOutcome {
  /** Stored by the stream. */
  STORED,
  /**
   * The stream had it already (same Nats-Msg-Id inside the duplicate window): as good as stored.
   */
  DUPLICATE,
  /** The stream refused it or did not answer in time; the SQS message must stay. */
  FAILED;

  public boolean acknowledged() {
    return this != FAILED;
  }
}
