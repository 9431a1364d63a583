package io.sparkrelay.submitter.kubernetes;

import java.util.Set;

/** The provenance labels Spark Relay puts on what it creates. */
public final class RelayLabels {

  public static final String PREFIX = "spark-relay.io/";
  public static final String RUN_ID = PREFIX + "run-id";
  public static final String WORKFLOW = PREFIX + "workflow";
  public static final String TRIGGER = PREFIX + "trigger";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGER = "spark-relay";

  /** Keys a caller cannot set through the request's labels. */
  public static final Set<String> RESERVED = Set.of(RUN_ID, WORKFLOW, TRIGGER);

  private RelayLabels() {}
}
