package io.sparkrelay.launcher.rules;

/** A parameter value the launcher refuses to put into a Workflow; permanent for that event. */
public class ParameterRejectedException extends EventRefusedException {

  public ParameterRejectedException(String message) {
    super(RefusalCause.INVALID_PARAMETER, message);
  }
}
