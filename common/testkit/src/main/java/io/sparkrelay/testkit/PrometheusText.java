package io.sparkrelay.testkit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads figures out of a Prometheus text exposition (a service's {@code /q/metrics} body). */
public final class PrometheusText {

  private PrometheusText() {}

  /** The sum of every series of {@code name} (any labels); 0 when there is none. */
  public static double sum(String exposition, String name) {
    Matcher matcher =
        Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE)
            .matcher(exposition);
    double sum = 0;
    while (matcher.find()) {
      sum += Double.parseDouble(matcher.group(2));
    }
    return sum;
  }
}
