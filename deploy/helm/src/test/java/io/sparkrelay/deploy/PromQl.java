package io.sparkrelay.deploy;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough PromQL reading to list the metric names an expression selects. */
final class PromQl {

  private static final Pattern STRINGS = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
  private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
  private static final Pattern LABEL_LISTS =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern IDENTIFIER =
      Pattern.compile("(?<![A-Za-z0-9_:.$])[A-Za-z_:][A-Za-z0-9_:]*+(?!\\s*\\()");
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "bool",
          "offset",
          "inf",
          "nan",
          "by",
          "without",
          "on",
          "ignoring",
          "group_left",
          "group_right");

  private PromQl() {}

  /** The metric names the expression selects (functions, keywords and labels left out). */
  static Set<String> metricNames(String expression) {
    String text = STRINGS.matcher(expression).replaceAll(" ");
    text = MATCHERS.matcher(text).replaceAll(" ");
    text = RANGES.matcher(text).replaceAll(" ");
    text = LABEL_LISTS.matcher(text).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher identifier = IDENTIFIER.matcher(text);
    while (identifier.find()) {
      if (!KEYWORDS.contains(identifier.group().toLowerCase(Locale.ROOT))) {
        names.add(identifier.group());
      }
    }
    return names;
  }
}
