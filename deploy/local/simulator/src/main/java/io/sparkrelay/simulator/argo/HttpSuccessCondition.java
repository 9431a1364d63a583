package io.sparkrelay.simulator.argo;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code http} template's successCondition, the subset of Argo's expression language such
 * conditions use: comparisons of {@code response.statusCode} (==, !=, <, <=, >, >=, in [..]) and
 * {@code response.body} (==, !=, contains), joined with {@code &&} and {@code ||} (&& binds
 * tighter), optional outer parentheses. Anything else is refused with an explanation rather than
 * guessed. Without a condition, a 2xx status is success.
 */
public final class HttpSuccessCondition {

  private static final Pattern COMPARISON =
      Pattern.compile(
          "^(response\\.statusCode|response\\.body)\\s*(==|!=|<=|>=|<|>|contains|in)\\s*(.+)$");

  private HttpSuccessCondition() {}

  public static boolean holds(String condition, int statusCode, String body) {
    if (condition == null || condition.isBlank()) {
      return statusCode >= 200 && statusCode < 300;
    }
    for (String alternative : stripParentheses(condition.trim()).split("\\|\\|")) {
      boolean all = true;
      for (String term : alternative.split("&&")) {
        all &= comparison(stripParentheses(term.trim()), statusCode, body, condition);
      }
      if (all) {
        return true;
      }
    }
    return false;
  }

  private static boolean comparison(String term, int statusCode, String body, String condition) {
    Matcher matcher = COMPARISON.matcher(term);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "the simulator cannot evaluate '" + term + "' in successCondition '" + condition + "'");
    }
    String operator = matcher.group(2);
    String operand = matcher.group(3).trim();
    if (matcher.group(1).equals("response.statusCode")) {
      if (operator.equals("in")) {
        return numbers(operand).contains(statusCode);
      }
      int expected = Integer.parseInt(operand);
      return switch (operator) {
        case "==" -> statusCode == expected;
        case "!=" -> statusCode != expected;
        case "<" -> statusCode < expected;
        case "<=" -> statusCode <= expected;
        case ">" -> statusCode > expected;
        case ">=" -> statusCode >= expected;
        default -> throw new IllegalArgumentException("'" + operator + "' on a status code");
      };
    }
    String text = unquote(operand);
    String actual = body == null ? "" : body;
    return switch (operator) {
      case "==" -> actual.equals(text);
      case "!=" -> !actual.equals(text);
      case "contains" -> actual.contains(text);
      default -> throw new IllegalArgumentException("'" + operator + "' on a response body");
    };
  }

  private static List<Integer> numbers(String list) {
    String inner = list.replaceAll("^\\[|]$", "");
    return Arrays.stream(inner.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  private static String stripParentheses(String term) {
    String result = term;
    while (result.startsWith("(") && result.endsWith(")")) {
      result = result.substring(1, result.length() - 1).trim();
    }
    return result;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    throw new IllegalArgumentException("expected a quoted string, got " + value);
  }
}
