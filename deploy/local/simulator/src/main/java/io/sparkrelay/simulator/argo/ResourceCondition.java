package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrelay.simulator.kube.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code resource} template's successCondition or failureCondition: Kubernetes label-selector
 * syntax over JSON paths of the live object, requirements separated by commas, all must hold.
 * Operators: {@code ==}, {@code =}, {@code !=}, {@code in (a,b)}, {@code notin (a,b)}, {@code >},
 * {@code <}, {@code path} (exists), {@code !path} (does not exist).
 */
public final class ResourceCondition {

  private static final Pattern SET = Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\(([^)]*)\\)$");
  private static final Pattern COMPARISON = Pattern.compile("^(.+?)\\s*(==|!=|=|>|<)\\s*(.*)$");

  private final String text;
  private final List<Requirement> requirements;

  private ResourceCondition(String text, List<Requirement> requirements) {
    this.text = text;
    this.requirements = requirements;
  }

  enum Operator {
    EQUALS,
    NOT_EQUALS,
    IN,
    NOT_IN,
    GREATER,
    LESS,
    EXISTS,
    DOES_NOT_EXIST
  }

  record Requirement(String path, Operator operator, List<String> values) {

    boolean holds(JsonNode object) {
      JsonNode found = Json.at(object, path);
      boolean exists = found != null && !found.isNull() && !found.isMissingNode();
      String value = exists ? (found.isValueNode() ? found.asText() : found.toString()) : null;
      return switch (operator) {
        case EXISTS -> exists;
        case DOES_NOT_EXIST -> !exists;
        case EQUALS, IN -> exists && values.contains(value);
        case NOT_EQUALS, NOT_IN -> !exists || !values.contains(value);
        case GREATER -> exists && compare(value) > 0;
        case LESS -> exists && compare(value) < 0;
      };
    }

    private int compare(String value) {
      try {
        return Double.compare(Double.parseDouble(value), Double.parseDouble(values.get(0)));
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }

  public static ResourceCondition parse(String condition) {
    List<Requirement> requirements = new ArrayList<>();
    for (String part : splitOutsideParentheses(condition)) {
      String requirement = part.trim();
      if (requirement.isEmpty()) {
        continue;
      }
      requirements.add(parseRequirement(requirement, condition));
    }
    if (requirements.isEmpty()) {
      throw new IllegalArgumentException("empty condition: '" + condition + "'");
    }
    return new ResourceCondition(condition, List.copyOf(requirements));
  }

  public boolean holds(JsonNode object) {
    return object != null && requirements.stream().allMatch(r -> r.holds(object));
  }

  List<Requirement> requirements() {
    return requirements;
  }

  @Override
  public String toString() {
    return text;
  }

  private static Requirement parseRequirement(String requirement, String condition) {
    Matcher set = SET.matcher(requirement);
    if (set.matches()) {
      List<String> values = Arrays.stream(set.group(3).split(",")).map(String::trim).toList();
      return new Requirement(
          set.group(1), set.group(2).equals("in") ? Operator.IN : Operator.NOT_IN, values);
    }
    Matcher comparison = COMPARISON.matcher(requirement);
    if (comparison.matches()) {
      String path = comparison.group(1).trim();
      String value = unquote(comparison.group(3).trim());
      Operator operator =
          switch (comparison.group(2)) {
            case "==", "=" -> Operator.EQUALS;
            case "!=" -> Operator.NOT_EQUALS;
            case ">" -> Operator.GREATER;
            default -> Operator.LESS;
          };
      if (path.endsWith("!")) {
        throw new IllegalArgumentException("cannot parse '" + requirement + "' in " + condition);
      }
      return new Requirement(path, operator, List.of(value));
    }
    if (requirement.startsWith("!")) {
      return new Requirement(requirement.substring(1).trim(), Operator.DOES_NOT_EXIST, List.of());
    }
    if (requirement.matches("[\\w.\\-/\\\\]+")) {
      return new Requirement(requirement, Operator.EXISTS, List.of());
    }
    throw new IllegalArgumentException("cannot parse '" + requirement + "' in " + condition);
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }

  private static List<String> splitOutsideParentheses(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
      if (c == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }
}
