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
  WORKFLOW_ERROR
}
