package io.sparkrelay.contract;

/**
 * The Nats-Msg-Id (also the CloudEvent id) of each event. Each depends only on the run and what the
 * event is about, so every resend of an event is a duplicate the stream drops, and two different
 * events of one run never are.
 */
public final class MessageIds {

  private MessageIds() {}

  /** An SQS message: its SQS MessageId, the run id. */
  public static String sqsMessage(String messageId) {
    return messageId;
  }

  public static String workflowCreated(String runId, String workflow) {
    return runId + ":workflow-created:" + workflow;
  }

  public static String unmatched(String runId) {
    return runId + ":unmatched";
  }

  public static String sparkSubmitted(String runId, String application) {
    return runId + ":spark-submitted:" + application;
  }

  public static String sparkRefused(String runId, String workflow) {
    return runId + ":spark-refused:" + workflow;
  }

  /**
   * A run's end; {@code attempt} 0 for the first, N after the Nth redrive (a redriven run's second
   * end is another event).
   */
  public static String runEnded(String runId, String outcome, int attempt) {
    return runId + ":" + outcome + (attempt == 0 ? "" : ":attempt-" + attempt);
  }

  /**
   * A dead letter of {@code service}; {@code redriveKey} null, or the Idempotency-Key of the
   * redrive that brought the event back (its dead letter is then another one).
   */
  public static String deadLetter(String runId, String service, String redriveKey) {
    return runId + ":dead:" + service + (redriveKey == null ? "" : ":redrive:" + redriveKey);
  }

  /** An event published again by a redrive with the Idempotency-Key {@code key}. */
  public static String redrive(String runId, String key) {
    return runId + ":redrive:" + key;
  }
}
