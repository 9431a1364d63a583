package io.sparkrelay.reporter;

import java.util.Locale;

/**
 * The stages of a run, in the order a run passes them, then the end states. Besides COMPLETED and
 * FAILED a message can end before its Spark job ran: REFUSED (the submitter's policy or request
 * checks), DEAD_LETTERED (a service could not make it a run, with the service and the reason),
 * FILTERED (no trigger rule matched), TOO_OLD (it waited on the EventBus past the launcher's
 * maximum event age).
 */
public enum Stage {
  RECEIVED,
  WORKFLOW_CREATED,
  SPARK_SUBMITTED,
  DRIVER_RUNNING,
  COMPLETED,
  FAILED,
  REFUSED,
  DEAD_LETTERED,
  FILTERED,
  TOO_OLD;

  public boolean terminal() {
    return ordinal() >= COMPLETED.ordinal();
  }

  /**
   * Which end state counts when two were seen at the same instant: the one explaining more; a fixed
   * order so the merged state never depends on arrival order.
   */
  int tieRank() {
    return switch (this) {
      case DEAD_LETTERED -> 6;
      case TOO_OLD -> 5;
      case REFUSED -> 4;
      case FILTERED -> 3;
      case FAILED -> 2;
      case COMPLETED -> 1;
      default -> 0;
    };
  }

  /** The kind of failure that explains this end state, or null for COMPLETED and FAILED. */
  FailureKind explainedBy() {
    return switch (this) {
      case REFUSED -> FailureKind.REFUSED_BY_SUBMITTER;
      case DEAD_LETTERED -> FailureKind.DEAD_LETTER;
      case FILTERED -> FailureKind.NO_MATCHING_RULE;
      case TOO_OLD -> FailureKind.EVENT_TOO_OLD;
      default -> null;
    };
  }

  /** As in subjects and metric labels: {@code dead-lettered}, {@code too-old}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
