package io.sparkrelay.launcher.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path into the event data: field names separated by dots, array elements by {@code [n]}, e.g.
 * {@code spark.executors} or {@code inputs[0]}.
 */
public final class DataPath {

  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]]+)((?:\\[\\d+])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)]");

  private final String text;
  private final List<Object> steps;

  private DataPath(String text, List<Object> steps) {
    this.text = text;
    this.steps = steps;
  }

  /** Parses a path, or throws IllegalArgumentException saying what is wrong with it. */
  public static DataPath parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty path");
    }
    List<Object> steps = new ArrayList<>();
    for (String segment : text.split("\\.", -1)) {
      Matcher matcher = SEGMENT.matcher(segment);
      if (!matcher.matches()) {
        throw new IllegalArgumentException(
            "'" + text + "' is not a path like a.b or a[0].b (bad part '" + segment + "')");
      }
      steps.add(matcher.group(1));
      Matcher index = INDEX.matcher(matcher.group(2));
      while (index.find()) {
        steps.add(Integer.parseInt(index.group(1)));
      }
    }
    return new DataPath(text, List.copyOf(steps));
  }

  /** The node at this path, or a missing node when any step is absent. */
  public JsonNode find(JsonNode root) {
    JsonNode node = root == null ? MissingNode.getInstance() : root;
    for (Object step : steps) {
      node = step instanceof Integer index ? node.path(index) : node.path((String) step);
    }
    return node;
  }

  @Override
  public String toString() {
    return text;
  }
}
