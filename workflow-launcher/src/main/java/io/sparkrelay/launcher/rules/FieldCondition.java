package io.sparkrelay.launcher.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One test on a value: equals, full regex match, one of a set, or (for data fields) exists. A value
 * is compared as text; objects and arrays only ever satisfy {@code exists}.
 */
public final class FieldCondition {

  private final String description;
  private final Predicate<JsonNode> test;

  private FieldCondition(String description, Predicate<JsonNode> test) {
    this.description = description;
    this.test = test;
  }

  public static FieldCondition equalTo(String expected) {
    return onText("equals '" + expected + "'", expected::equals);
  }

  /** The whole value must match, not a part of it. */
  public static FieldCondition matching(Pattern pattern) {
    return onText("matches '" + pattern + "'", v -> pattern.matcher(v).matches());
  }

  public static FieldCondition oneOf(Set<String> allowed) {
    return onText("one of " + allowed, allowed::contains);
  }

  /** Present and not null ({@code true}), or absent or null ({@code false}). */
  public static FieldCondition exists(boolean expected) {
    return new FieldCondition(
        expected ? "exists" : "does not exist", node -> isPresent(node) == expected);
  }

  private static FieldCondition onText(String description, Predicate<String> test) {
    return new FieldCondition(
        description, node -> isPresent(node) && node.isValueNode() && test.test(node.asText()));
  }

  private static boolean isPresent(JsonNode node) {
    return node != null && !node.isMissingNode() && !node.isNull();
  }

  public boolean test(JsonNode value) {
    return test.test(value);
  }

  @Override
  public String toString() {
    return description;
  }
}
