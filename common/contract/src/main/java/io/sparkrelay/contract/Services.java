package io.sparkrelay.contract;

import java.net.URI;

/** The four services by the names they use on the bus, in labels and as CloudEvent sources. */
public final class Services {

  public static final String SQS_BRIDGE = "sqs-bridge";
  public static final String WORKFLOW_LAUNCHER = "workflow-launcher";
  public static final String SPARK_SUBMITTER = "spark-submitter";
  public static final String STATUS_REPORTER = "status-reporter";

  private Services() {}

  /** The CloudEvent source of what {@code service} publishes: {@code spark-relay/<service>}. */
  public static URI source(String service) {
    return URI.create("spark-relay/" + service);
  }
}
