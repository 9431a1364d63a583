package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.sparkrelay.simulator.kube.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argo's {@code {{...}}} template tags, the subset the simulator needs: plain names looked up in a
 * scope ({@code workflow.name}, {@code workflow.parameters.X}, {@code inputs.parameters.X}, {@code
 * workflow.labels.X}, {@code tasks.X.outputs.result}, ...) and the expression {@code
 * {{=jsonpath(tasks['X'].outputs.result, '$.a.b')}}}. Unknown tags are left as they are, so the
 * caller can report them.
 */
public final class TemplateExpressions {

  private static final Pattern TAG = Pattern.compile("\\{\\{\\s*(.+?)\\s*}}");
  private static final Pattern JSONPATH =
      Pattern.compile(
          "=\\s*jsonpath\\(\\s*(tasks|steps)(?:\\[['\"]([^'\"]+)['\"]]|\\.([\\w-]+))\\.outputs\\.result"
              + "\\s*,\\s*['\"]\\$\\.([^'\"]+)['\"]\\s*\\)");

  private TemplateExpressions() {}

  /** {@code text} with every tag the scope can answer replaced by its value. */
  public static String substitute(String text, Map<String, String> scope) {
    Matcher matcher = TAG.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = resolve(matcher.group(1), scope);
      matcher.appendReplacement(
          out, Matcher.quoteReplacement(value != null ? value : matcher.group()));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** A copy of {@code node} with every string substituted. */
  public static JsonNode substitute(JsonNode node, Map<String, String> scope) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return TextNode.valueOf(substitute(node.asText(), scope));
    }
    if (node.isObject()) {
      ObjectNode copy = Json.MAPPER.createObjectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(field.getKey(), substitute(field.getValue(), scope));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.MAPPER.createArrayNode();
      node.forEach(item -> copy.add(substitute(item, scope)));
      return copy;
    }
    return node.deepCopy();
  }

  /**
   * The tags left in {@code node} that Argo would refuse to run with: workflow and input parameters
   * it cannot resolve.
   */
  public static List<String> unresolvedParameters(JsonNode node) {
    List<String> unresolved = new ArrayList<>();
    collect(node, unresolved);
    return unresolved;
  }

  private static void collect(JsonNode node, List<String> unresolved) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      Matcher matcher = TAG.matcher(node.asText());
      while (matcher.find()) {
        String name = matcher.group(1);
        if (name.startsWith("inputs.parameters.") || name.startsWith("workflow.parameters.")) {
          unresolved.add(matcher.group());
        }
      }
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, unresolved));
    }
  }

  private static String resolve(String expression, Map<String, String> scope) {
    String value = scope.get(expression);
    if (value != null) {
      return value;
    }
    Matcher jsonPath = JSONPATH.matcher(expression);
    if (jsonPath.matches()) {
      String step = jsonPath.group(2) != null ? jsonPath.group(2) : jsonPath.group(3);
      String result = scope.get(jsonPath.group(1) + "." + step + ".outputs.result");
      return result == null ? null : jsonPathValue(result, jsonPath.group(4));
    }
    return null;
  }

  private static String jsonPathValue(String json, String dottedPath) {
    try {
      JsonNode found = Json.at(Json.MAPPER.readTree(json), dottedPath);
      if (found == null || found.isNull() || found.isMissingNode()) {
        return null;
      }
      return found.isValueNode() ? found.asText() : found.toString();
    } catch (IOException e) {
      return null;
    }
  }
}
