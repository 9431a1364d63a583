package io.sparkrelay.launcher.rules;

/**
 * The event cannot become a Workflow whatever the retries: it goes to the dead letters with this
 * message as the reason.
 */
public class EventRefusedException extends Exception {

  public EventRefusedException(String message) {
    super(message);
  }
}
