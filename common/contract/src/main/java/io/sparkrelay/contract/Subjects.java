package io.sparkrelay.contract;

/** The subjects of the bus. */
public final class Subjects {

  public static final String EVENTS_ALL = "relay.events.>";

  /** Prefix of the subject of an SQS queue's messages; the queue's name is its last token. */
  public static final String SQS_EVENTS_PREFIX = "relay.events.sqs";

  /** Where the status-reporter publishes a dead-lettered event again for the launcher. */
  public static final String REDRIVE = "relay.events.redrive";

  public static final String RUNS_ALL = "relay.runs.>";
  public static final String WORKFLOW_CREATED = "relay.runs.workflow-created";
  public static final String UNMATCHED = "relay.runs.unmatched";
  public static final String SPARK_SUBMITTED = "relay.runs.spark-submitted";
  public static final String SPARK_REFUSED = "relay.runs.spark-refused";

  public static final String DEAD_ALL = "relay.dead.>";

  private Subjects() {}

  /** The subject of a run's end, e.g. {@code relay.runs.completed}. */
  public static String runEnded(String outcome) {
    return "relay.runs." + outcome;
  }

  /** The subject of the dead letters of {@code service}, e.g. {@code relay.dead.sqs-bridge}. */
  public static String deadLetters(String service) {
    return "relay.dead." + service;
  }
}
