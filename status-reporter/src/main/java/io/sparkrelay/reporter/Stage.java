package io.sparkrelay.reporter;

/** The stages of a run, in the order a run passes them; the last two are the end states. */
public enum Stage {
  RECEIVED,
  WORKFLOW_CREATED,
  SPARK_SUBMITTED,
  DRIVER_RUNNING,
  COMPLETED,
  FAILED;

  public boolean terminal() {
    return this == COMPLETED || this == FAILED;
  }
}
