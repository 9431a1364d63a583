package io.sparkrelay.reporter;

/**
 * The kinds of failure the reporter recognises, most telling first: when several are seen for one
 * run, the first in this order is the reason given (an OOMKilled executor explains a driver that
 * exited with code 1 better than the exit code does).
 */
public enum FailureKind {
  OOM_KILLED,
  IMAGE_PULL_BACK_OFF,
  ERR_IMAGE_PULL,
  EVICTED,
  SUBMISSION_FAILED,
  EXIT_CODE,
  POD_FAILED,
  APPLICATION_FAILED,
  WORKFLOW_FAILED,
  WORKFLOW_ERROR,
  /** The spark-submitter refused the request: a policy rule, or a request it cannot run. */
  REFUSED_BY_SUBMITTER,
  /** A service dead-lettered the message. */
  DEAD_LETTER,
  /** The launcher found no trigger rule for the event. */
  NO_MATCHING_RULE,
  /** The launcher refused the event for its age. */
  EVENT_TOO_OLD;

  /** Whether this kind explains an end before any Spark job ran (not a failure of a run). */
  boolean endsBeforeARun() {
    return ordinal() >= REFUSED_BY_SUBMITTER.ordinal();
  }
}
