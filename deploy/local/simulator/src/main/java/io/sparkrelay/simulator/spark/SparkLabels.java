package io.sparkrelay.simulator.spark;

/** Labels and annotations the Spark Operator, Spark and the simulator put on pods. */
public final class SparkLabels {

  public static final String SPARK_ROLE = "spark-role";
  public static final String APP_SELECTOR = "spark-app-selector";
  public static final String APP_NAME = "sparkoperator.k8s.io/app-name";
  public static final String LAUNCHED_BY_OPERATOR =
      "sparkoperator.k8s.io/launched-by-spark-operator";
  public static final String SUBMISSION_ID = "sparkoperator.k8s.io/submission-id";
  public static final String EXECUTOR_ID = "spark-exec-id";

  /** The failure a demo or test asks for: {@code oom}, {@code image-pull}, {@code error}. */
  public static final String SCENARIO = "spark-relay.io/scenario";

  /**
   * Where the simulated operator copies the scenario for the simulated kubelet when it was only on
   * the SparkApplication's own labels (a real kubelet knows nothing of it).
   */
  public static final String SCENARIO_ANNOTATION = "simulator.spark-relay.io/scenario";

  private SparkLabels() {}
}
