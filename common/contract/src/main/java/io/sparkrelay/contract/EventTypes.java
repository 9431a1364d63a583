package io.sparkrelay.contract;

/** The CloudEvent types on the bus. */
public final class EventTypes {

  /** An SQS message as the bridge forwards it. */
  public static final String SQS_MESSAGE = "io.spark-relay.sqs.message";

  public static final String WORKFLOW_CREATED = "io.spark-relay.run.workflow-created";
  public static final String UNMATCHED = "io.spark-relay.run.unmatched";
  public static final String SPARK_SUBMITTED = "io.spark-relay.run.spark-submitted";
  public static final String SPARK_REFUSED = "io.spark-relay.run.spark-refused";
  public static final String DEAD_LETTER = "io.spark-relay.dead-letter";

  /** CloudEvent extension of an SQS message: its SQS attributes. */
  public static final String SQS_ATTRIBUTES_EXTENSION = "sqsattributes";

  /** CloudEvent extension of an SQS message whose body is not the JSON it claims: why not. */
  public static final String BODY_ERROR_EXTENSION = "bodyerror";

  private EventTypes() {}

  /** The type of a run's end, e.g. {@code io.spark-relay.run.completed}. */
  public static String runEnded(String outcome) {
    return "io.spark-relay.run." + outcome;
  }
}
