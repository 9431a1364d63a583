package io.sparkrelay.launcher.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.launcher.rules.RelayEvent;
import java.io.IOException;

/** Says plainly why an event's data is not the JSON object trigger rules read fields from. */
final class BodyProblem {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BodyProblem() {}

  static String of(RelayEvent event) {
    if (event.bodyError() != null) {
      return event.bodyError();
    }
    JsonNode data = event.data();
    if (data.isMissingNode()) {
      return "the event has no data";
    }
    if (data.isTextual()) {
      return holdsAnObject(data.asText())
          ? "the body is a JSON string, not an object (the string holds JSON text: send the"
              + " object itself, not a quoted copy of it)"
          : "the body is a JSON string, not an object";
    }
    return "the body is a JSON " + kind(data) + ", not an object";
  }

  private static String kind(JsonNode data) {
    return switch (data.getNodeType()) {
      case ARRAY -> "array";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case NULL -> "null";
      default -> data.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static boolean holdsAnObject(String text) {
    String trimmed = text.strip();
    if (!trimmed.startsWith("{")) {
      return false;
    }
    try {
      return JSON.readTree(trimmed).isObject();
    } catch (IOException e) {
      return false;
    }
  }
}
