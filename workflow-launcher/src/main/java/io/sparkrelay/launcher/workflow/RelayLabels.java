package io.sparkrelay.launcher.workflow;

import java.util.regex.Pattern;

/** The label keys every Spark Relay object carries, and the rule for label values. */
public final class RelayLabels {

  public static final String RUN_ID = "spark-relay.io/run-id";
  public static final String TRIGGER = "spark-relay.io/trigger";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY_VALUE = "spark-relay";

  /** The CloudEvent time of the event that started the run (RFC 3339), when it had one. */
  public static final String EVENT_TIME_ANNOTATION = "spark-relay.io/event-time";

  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private RelayLabels() {}

  /** Whether Kubernetes accepts {@code value} as a label value (at most 63 characters). */
  public static boolean isValidValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }
}
