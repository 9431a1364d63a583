package io.sparkrelay.simulator.argo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The subset of expr-lang (the expression language of Argo's http successCondition and
 * retryStrategy.expression) the simulator evaluates: {@code || && !} and parentheses; comparisons
 * {@code == != < <= > >=}; {@code matches} (a regular expression, found anywhere), {@code
 * contains}, {@code startsWith}, {@code endsWith}, {@code in [..]}; string and number literals;
 * variables such as {@code response.statusCode} or {@code lastRetry.message}; {@code asInt(x)}.
 * Anything else is refused with {@link IllegalArgumentException} rather than guessed.
 */
public final class ArgoExpression {

  private static final Pattern TOKEN =
      Pattern.compile(
          "\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|\\d+(?:\\.\\d+)?|[A-Za-z_][\\w.]*"
              + "|==|!=|<=|>=|&&|\\|\\||[<>!()\\[\\],])");

  private final String text;
  private final List<String> tokens;
  private final Map<String, Object> variables;
  private int position;

  private ArgoExpression(String text, Map<String, Object> variables) {
    this.text = text;
    this.variables = variables;
    this.tokens = tokenize(text);
  }

  /** Evaluates {@code expression} to a boolean with the given variables. */
  public static boolean isTrue(String expression, Map<String, Object> variables) {
    ArgoExpression parser = new ArgoExpression(expression, variables);
    Object value = parser.or();
    if (parser.position != parser.tokens.size()) {
      throw parser.refuse("unexpected '" + parser.tokens.get(parser.position) + "'");
    }
    if (!(value instanceof Boolean result)) {
      throw parser.refuse("not a condition");
    }
    return result;
  }

  private Object or() {
    Object left = and();
    while (accept("||") || accept("or")) {
      Object right = and();
      left = bool(left) || bool(right);
    }
    return left;
  }

  private Object and() {
    Object left = not();
    while (accept("&&") || accept("and")) {
      Object right = not();
      left = bool(left) && bool(right);
    }
    return left;
  }

  private Object not() {
    if (accept("!") || accept("not")) {
      return !bool(not());
    }
    return comparison();
  }

  private Object comparison() {
    Object left = operand();
    String operator = peek();
    if (operator == null) {
      return left;
    }
    switch (operator) {
      case "==",
          "!=",
          "<",
          "<=",
          ">",
          ">=",
          "matches",
          "contains",
          "startsWith",
          "endsWith",
          "in" ->
          position++;
      default -> {
        return left;
      }
    }
    Object right = operand();
    return switch (operator) {
      case "==" -> same(left, right);
      case "!=" -> !same(left, right);
      case "<" -> number(left) < number(right);
      case "<=" -> number(left) <= number(right);
      case ">" -> number(left) > number(right);
      case ">=" -> number(left) >= number(right);
      case "matches" -> Pattern.compile(string(right)).matcher(string(left)).find();
      case "contains" -> string(left).contains(string(right));
      case "startsWith" -> string(left).startsWith(string(right));
      case "endsWith" -> string(left).endsWith(string(right));
      default -> list(right).stream().anyMatch(item -> same(left, item));
    };
  }

  private Object operand() {
    String token = next();
    if (token.equals("(")) {
      Object value = or();
      expect(")");
      return value;
    }
    if (token.equals("[")) {
      List<Object> items = new ArrayList<>();
      if (!accept("]")) {
        do {
          items.add(operand());
        } while (accept(","));
        expect("]");
      }
      return items;
    }
    if (token.equals("asInt") && accept("(")) {
      Object value = operand();
      expect(")");
      return (double) (long) Double.parseDouble(String.valueOf(value).trim());
    }
    if (token.startsWith("\"") || token.startsWith("'")) {
      return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1");
    }
    if (Character.isDigit(token.charAt(0))) {
      return Double.parseDouble(token);
    }
    if (token.equals("true") || token.equals("false")) {
      return Boolean.parseBoolean(token);
    }
    if (variables.containsKey(token)) {
      Object value = variables.get(token);
      return value instanceof Number n ? n.doubleValue() : value;
    }
    throw refuse("unknown '" + token + "'");
  }

  private static boolean same(Object left, Object right) {
    if (left instanceof Double || right instanceof Double) {
      try {
        return number(left) == number(right);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return Objects.equals(left, right);
  }

  private static double number(Object value) {
    if (value instanceof Double d) {
      return d;
    }
    try {
      return Double.parseDouble(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number: " + value);
    }
  }

  private static String string(Object value) {
    return value == null ? "" : String.valueOf(value);
  }

  private boolean bool(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw refuse("'" + value + "' is not a boolean");
  }

  private List<?> list(Object value) {
    if (value instanceof List<?> items) {
      return items;
    }
    throw refuse("'in' wants a list");
  }

  private String peek() {
    return position < tokens.size() ? tokens.get(position) : null;
  }

  private String next() {
    if (position >= tokens.size()) {
      throw refuse("unexpected end");
    }
    return tokens.get(position++);
  }

  private boolean accept(String token) {
    if (token.equals(peek())) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw refuse("expected '" + token + "'");
    }
  }

  private IllegalArgumentException refuse(String why) {
    return new IllegalArgumentException("the simulator cannot evaluate '" + text + "': " + why);
  }

  private static List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    var matcher = TOKEN.matcher(text);
    int end = 0;
    while (end < text.length() && matcher.find(end) && matcher.start() == end) {
      tokens.add(matcher.group(1));
      end = matcher.end();
    }
    if (!text.substring(end).isBlank()) {
      throw new IllegalArgumentException(
          "the simulator cannot evaluate '"
              + text
              + "': cannot read '"
              + text.substring(end)
              + "'");
    }
    return tokens;
  }
}
