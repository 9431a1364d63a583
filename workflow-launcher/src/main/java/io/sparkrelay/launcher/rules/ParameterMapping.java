package io.sparkrelay.launcher.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * How one Workflow argument gets its value: from a literal, a data field or a CloudEvent attribute,
 * falling back to a default; the value must then be at most {@code maxLength} characters, fully
 * match the pattern, and never carry {@code {{}, which Argo would evaluate as an expression, nor a
 * character that could end a JSON string: Argo pastes parameters as they are into templates such as
 * the JSON body of the submit-spark http step, where a quote would add fields of the sender's.
 */
public record ParameterMapping(
    String name, ValueSource source, String defaultValue, Pattern pattern, int maxLength) {

  /** Where a value comes from. */
  public sealed interface ValueSource {}

  public record Literal(String value) implements ValueSource {}

  public record FromData(DataPath path) implements ValueSource {}

  public record FromEvent(EventAttribute attribute) implements ValueSource {}

  /** The value for this event, or a refusal naming the parameter and the reason. */
  public String resolve(RelayEvent event) throws ParameterRejectedException {
    String value = sourceValue(event);
    if (value == null) {
      if (defaultValue == null) {
        throw new ParameterRejectedException(
            "parameter '" + name + "': " + describeSource() + " is missing and has no default");
      }
      value = defaultValue;
    }
    check(value);
    return value;
  }

  /** Refuses a value too long, carrying an Argo expression or JSON syntax, or off the pattern. */
  public void check(String value) throws ParameterRejectedException {
    if (value.length() > maxLength) {
      throw new ParameterRejectedException(
          "parameter '"
              + name
              + "': value is "
              + value.length()
              + " characters long, over the maximum of "
              + maxLength);
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\' || Character.isISOControl(c)) {
        throw new ParameterRejectedException(
            "parameter '"
                + name
                + "': value contains "
                + describe(c)
                + " at character "
                + i
                + ", which no parameter may carry (it would change the Workflow's JSON)");
      }
    }
    if (value.contains("{{")) {
      throw new ParameterRejectedException(
          "parameter '" + name + "': value contains '{{' (Argo would evaluate it)");
    }
    if (pattern != null && !pattern.matcher(value).matches()) {
      throw new ParameterRejectedException(
          "parameter '"
              + name
              + "': value '"
              + abbreviate(value)
              + "' does not match pattern '"
              + pattern
              + "'");
    }
  }

  private String sourceValue(RelayEvent event) {
    return switch (source) {
      case Literal literal -> literal.value();
      case FromEvent fromEvent -> event.attribute(fromEvent.attribute());
      case FromData fromData -> textOf(fromData.path().find(event.data()));
    };
  }

  /** Scalars as their text; objects and arrays as compact JSON; absent or null as null. */
  private static String textOf(JsonNode node) {
    if (node == null || node.isMissingNode() || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  private String describeSource() {
    return switch (source) {
      case Literal literal -> "the literal";
      case FromEvent fromEvent -> "event attribute '" + fromEvent.attribute().key() + "'";
      case FromData fromData -> "data field '" + fromData.path() + "'";
    };
  }

  private static String describe(char c) {
    return c == '"' || c == '\\' ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static String abbreviate(String value) {
    return value.length() <= 80 ? value : value.substring(0, 77) + "...";
  }
}
