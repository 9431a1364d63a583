package io.sparkrelay.launcher.rules;

/**
 * The event cannot become a Workflow whatever the retries: it goes to the dead letters with this
 * message as the reason and {@link #refusalCause()} as its label.
 */
public class EventRefusedException extends Exception {

  private final RefusalCause cause;

  public EventRefusedException(RefusalCause cause, String message) {
    super(message);
    this.cause = cause;
  }

  public RefusalCause refusalCause() {
    return cause;
  }

  /** The same refusal, its reason prefixed (the rule it happened in, say). */
  public EventRefusedException prefixed(String prefix) {
    return new EventRefusedException(cause, prefix + getMessage());
  }
}
