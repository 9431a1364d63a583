package io.sparkrelay.contract;

import java.util.Set;

/** The labels and annotations Spark Relay puts on what it creates, and the Spark Operator's. */
public final class RelayLabels {

  public static final String PREFIX = "spark-relay.io/";
  public static final String RUN_ID = PREFIX + "run-id";
  public static final String TRIGGER = PREFIX + "trigger";
  public static final String WORKFLOW = PREFIX + "workflow";

  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "spark-relay";

  /** The CloudEvent time of the event that started the run (RFC 3339), when it had one. */
  public static final String EVENT_TIME_ANNOTATION = PREFIX + "event-time";

  /** Keys a submitter's caller cannot set through a request's labels. */
  public static final Set<String> RESERVED = Set.of(RUN_ID, WORKFLOW, TRIGGER);

  /** The Spark Operator's labels on a SparkApplication's pods. */
  public static final String SPARK_ROLE = "spark-role";

  public static final String SPARK_APP_NAME = "sparkoperator.k8s.io/app-name";

  private RelayLabels() {}
}
