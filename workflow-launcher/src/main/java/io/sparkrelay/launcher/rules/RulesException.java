package io.sparkrelay.launcher.rules;

/** The trigger rules file cannot be used; the message names the rule and the field. */
public class RulesException extends RuntimeException {

  public RulesException(String message) {
    super(message);
  }

  public RulesException(String message, Throwable cause) {
    super(message, cause);
  }
}
