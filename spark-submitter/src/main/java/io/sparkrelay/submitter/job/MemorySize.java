package io.sparkrelay.submitter.job;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Spark memory size such as {@code 512m} or {@code 4g}, compared in mebibytes. */
public final class MemorySize {

  private static final Pattern SIZE = Pattern.compile("([1-9][0-9]{0,8})([kmgt])b?");

  private MemorySize() {}

  /** Mebibytes of {@code value}; empty when it is not a size with a k, m, g or t unit. */
  public static Optional<Long> mebibytes(String value) {
    Matcher m = SIZE.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(m.group(1));
    return Optional.of(
        switch (m.group(2)) {
          case "k" -> Math.max(1, amount / 1024);
          case "m" -> amount;
          case "g" -> amount * 1024;
          default -> amount * 1024 * 1024;
        });
  }

  /** Like {@link #mebibytes(String)} for values already validated. */
  public static long mebibytesOf(String value) {
    return mebibytes(value)
        .orElseThrow(() -> new IllegalArgumentException("not a memory size: " + value));
  }
}
