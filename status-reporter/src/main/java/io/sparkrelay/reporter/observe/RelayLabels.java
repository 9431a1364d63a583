package io.sparkrelay.reporter.observe;

/** Labels Spark Relay and the Spark Operator put on the objects of a run. */
public final class RelayLabels {

  public static final String RUN_ID = "spark-relay.io/run-id";
  public static final String TRIGGER = "spark-relay.io/trigger";
  public static final String WORKFLOW = "spark-relay.io/workflow";
  public static final String SPARK_ROLE = "spark-role";
  public static final String SPARK_APP_NAME = "sparkoperator.k8s.io/app-name";

  private RelayLabels() {}
}
