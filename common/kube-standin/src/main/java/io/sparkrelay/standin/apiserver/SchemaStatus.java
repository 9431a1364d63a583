package io.sparkrelay.standin.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Status answers of kube-apiserver's custom resource handler, field for field and in its field
 * order (k8s.io/apimachinery/pkg/api/errors: NewInvalid, NewBadRequest, NewNotFound).
 */
final class SchemaStatus {

  private SchemaStatus() {}

  /**
   * 422: {@code Workflow.argoproj.io "x" is invalid: spec.a: ...}; two errors or more are listed in
   * brackets, once each, as {@code field.ErrorList.ToAggregate()} prints them.
   */
  static MockResponse invalid(CrdSchema crd, String name, List<SchemaFieldError> errors) {
    Set<String> messages = new LinkedHashSet<>();
    errors.forEach(error -> messages.add(error.toString()));
    String aggregate =
        messages.size() == 1 ? messages.iterator().next() : "[" + String.join(", ", messages) + "]";
    ObjectNode status =
        failure(
            crd.kind() + "." + crd.group() + " " + quote(name) + " is invalid: " + aggregate,
            "Invalid");
    ObjectNode details = status.putObject("details");
    putIfNotEmpty(details, "name", name);
    details.put("group", crd.group());
    details.put("kind", crd.kind());
    ArrayNode causes = details.putArray("causes");
    for (SchemaFieldError error : errors) {
      causes
          .addObject()
          .put("reason", error.reason())
          .put("message", error.body())
          .put("field", error.field());
    }
    return response(status, 422);
  }

  /**
   * 400 for unknown fields in a create or update under {@code fieldValidation=Strict}: decoding
   * fails before anything is validated.
   */
  static MockResponse cannotBeHandled(CrdSchema crd, List<String> unknownFields) {
    String message =
        crd.kind()
            + " in version "
            + quote(crd.version())
            + " cannot be handled as a "
            + crd.kind()
            + ": "
            + strictDecodingError(unknownFields);
    return response(failure(message, "BadRequest"), 400);
  }

  /** 400 for unknown fields a patch brings under {@code fieldValidation=Strict}. */
  static MockResponse strictPatch(List<String> unknownFields) {
    return response(failure(strictDecodingError(unknownFields), "BadRequest"), 400);
  }

  /** {@code strict decoding error: unknown field "spec.foo", unknown field "spec.bar"}. */
  static String strictDecodingError(List<String> unknownFields) {
    return "strict decoding error: "
        + unknownFields.stream().map(SchemaStatus::unknownField).collect(Collectors.joining(", "));
  }

  static String unknownField(String path) {
    return "unknown field " + quote(path);
  }

  /**
   * 404 for a subresource the CRD does not serve, e.g. {@code workflows.argoproj.io "x" not found}.
   */
  static MockResponse notFound(String group, String plural, String name) {
    String resource = group.isEmpty() ? plural : plural + "." + group;
    ObjectNode status = failure(resource + " " + quote(name) + " not found", "NotFound");
    ObjectNode details = status.putObject("details");
    putIfNotEmpty(details, "name", name);
    putIfNotEmpty(details, "group", group);
    details.put("kind", plural);
    return response(status, 404);
  }

  private static ObjectNode failure(String message, String reason) {
    ObjectNode status = SchemaJson.MAPPER.createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    return status.put("status", "Failure").put("message", message).put("reason", reason);
  }

  private static MockResponse response(ObjectNode status, int code) {
    status.put("code", code);
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(SchemaJson.MAPPER.writeValueAsString(status));
  }

  private static void putIfNotEmpty(ObjectNode node, String field, String value) {
    if (value != null && !value.isEmpty()) {
      node.put(field, value);
    }
  }

  private static String quote(String text) {
    return SchemaFieldError.quote(text == null ? "" : text);
  }
}
