package io.sparkrelay.submitter.submission;

/**
 * The SparkApplication's name: {@code <workflow>-<step>} where a step called {@code submit-x} is
 * shortened to {@code x}. It depends only on the workflow and step, so an Argo retry of the step
 * lands on the same object.
 */
public final class ApplicationName {

  static final String DEFAULT_STEP = "submit-spark";
  private static final int MAX_LENGTH = 63;

  private ApplicationName() {}

  public static String of(String workflow, String step) {
    String suffix = step.startsWith("submit-") ? step.substring("submit-".length()) : step;
    int room = MAX_LENGTH - suffix.length() - 1;
    String head = workflow.length() <= room ? workflow : shorten(workflow, room);
    return head + "-" + suffix;
  }

  /**
   * Cuts the front part of the workflow name and keeps its last segment, which the launcher makes a
   * hash of the run id: two runs must not end up with the same name.
   */
  private static String shorten(String workflow, int room) {
    int dash = workflow.lastIndexOf('-');
    String tail = dash < 0 ? "" : workflow.substring(dash);
    if (tail.length() >= room) {
      return trimDashes(workflow.substring(0, room));
    }
    String front = trimDashes(workflow.substring(0, room - tail.length()));
    return front.isEmpty() ? trimDashes(tail.substring(1)) : front + tail;
  }

  private static String trimDashes(String value) {
    String v = value;
    while (v.endsWith("-")) {
      v = v.substring(0, v.length() - 1);
    }
    return v;
  }
}
