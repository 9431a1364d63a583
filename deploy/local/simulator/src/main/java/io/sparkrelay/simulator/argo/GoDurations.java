package io.sparkrelay.simulator.argo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as Argo writes them: Go style ("1m30s", "500ms", "2h") or a bare number of seconds. */
public final class GoDurations {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  private GoDurations() {}

  public static Duration parse(String text) {
    String value = text.trim();
    if (value.matches("\\d+")) {
      return Duration.ofSeconds(Long.parseLong(value));
    }
    Matcher matcher = PART.matcher(value);
    long millis = 0;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        break;
      }
      double amount = Double.parseDouble(matcher.group(1));
      millis +=
          (long)
              switch (matcher.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
              };
      end = matcher.end();
    }
    if (end != value.length() || value.isEmpty()) {
      throw new IllegalArgumentException("not a duration: '" + text + "'");
    }
    return Duration.ofMillis(millis);
  }
}
