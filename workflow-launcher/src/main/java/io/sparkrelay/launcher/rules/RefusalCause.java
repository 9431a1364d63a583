package io.sparkrelay.launcher.rules;

/**
 * Why an event can never become a Workflow, as a short stable label: the {@code cause} of its dead
 * letter, which the status-reporter and alerts read, where the reason text is for people.
 */
public enum RefusalCause {
  /** The message on the stream is no CloudEvent this launcher can trust. */
  INVALID_EVENT("invalid-event"),
  /** The SQS body is not a JSON object, so no rule can read its fields. */
  BODY_NOT_OBJECT("body-not-object"),
  /** A rule matched, but a parameter value is refused. */
  INVALID_PARAMETER("invalid-parameter"),
  /** Stored on the EventBus longer ago than relay.consumer.max-event-age. */
  TOO_OLD("too-old"),
  /**
   * The Kubernetes API refused the Workflow for good (RBAC, schema, a name held by another run).
   */
  API_REFUSED("api-refused"),
  /** Transient faults on every delivery up to relay.consumer.max-deliver. */
  GAVE_UP("gave-up");

  private final String label;

  RefusalCause(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
