package io.sparkrelay.submitter.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.submitter.submission.FieldError;
import io.sparkrelay.submitter.submission.InvalidRequestException;
import io.sparkrelay.submitter.submission.SubmitRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a request body leniently, the way an Argo http template writes it: scalars may come as
 * strings ({@code "executors": "3"}), an empty string is "not given", unknown fields are ignored.
 * Every type problem becomes a field error instead of a generic parse failure.
 */
final class SubmitRequestReader {

  private final ObjectMapper json;

  SubmitRequestReader(ObjectMapper json) {
    this.json = json;
  }

  /** The request and its type errors; throws only when the body is no JSON object at all. */
  Read read(String body) {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (JsonProcessingException e) {
      throw invalid("body", "malformed JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw invalid("body", "must be a JSON object");
    }
    Fields fields = new Fields(root);
    SubmitRequest request =
        new SubmitRequest(
            fields.text("runId"),
            fields.text("workflow"),
            fields.text("step"),
            fields.text("trigger"),
            fields.text("profile"),
            fields.text("namespace"),
            fields.texts("arguments"),
            fields.integer("executors"),
            fields.integer("executorCores"),
            fields.text("executorMemory"),
            fields.integer("driverCores"),
            fields.text("driverMemory"),
            fields.labels("labels"));
    return new Read(request, fields.errors);
  }

  /** A request as far as it could be read, and what could not. */
  record Read(SubmitRequest request, List<FieldError> errors) {}

  private static InvalidRequestException invalid(String field, String message) {
    return new InvalidRequestException(List.of(new FieldError(field, message)));
  }

  /** Typed access to the body's fields, collecting what does not fit. */
  private static final class Fields {
    private final JsonNode root;
    private final List<FieldError> errors = new ArrayList<>();

    Fields(JsonNode root) {
      this.root = root;
    }

    String text(String name) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isValueNode()) {
        errors.add(new FieldError(name, "must be a string"));
        return null;
      }
      String value = node.asText().strip();
      return value.isEmpty() ? null : value;
    }

    Integer integer(String name) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
        return null;
      }
      if (node.canConvertToInt() && node.isIntegralNumber()) {
        return node.intValue();
      }
      if (node.isTextual()) {
        try {
          return Integer.valueOf(node.asText().strip());
        } catch (NumberFormatException e) {
          // reported below
        }
      }
      errors.add(new FieldError(name, "must be an integer"));
      return null;
    }

    List<String> texts(String name) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
        return null;
      }
      if (!node.isArray()) {
        errors.add(new FieldError(name, "must be an array of strings"));
        return null;
      }
      List<String> values = new ArrayList<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode item = node.get(i);
        if (item.isNull() || !item.isValueNode()) {
          errors.add(new FieldError(name + "[" + i + "]", "must be a string"));
        } else {
          values.add(item.asText().strip());
        }
      }
      return values;
    }

    Map<String, String> labels(String name) {
      JsonNode node = root.get(name);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!node.isObject()) {
        errors.add(new FieldError(name, "must be an object of label keys to values"));
        return null;
      }
      Map<String, String> values = new LinkedHashMap<>();
      node.properties()
          .forEach(
              entry -> {
                if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                  values.put(entry.getKey(), entry.getValue().asText());
                } else {
                  errors.add(new FieldError(name + "." + entry.getKey(), "must be a string"));
                }
              });
      return values;
    }
  }
}
