package io.sparkrelay.standin.apiserver;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Words the validator's errors as kube-apiserver words schema errors: the field error kind of each
 * keyword and the detail text of k8s.io/kube-openapi's validator ({@code "spec.x in body should
 * match '^a$'"}), so a client sees the message a real API server would send.
 */
final class SchemaViolations {

  private SchemaViolations() {}

  static List<SchemaFieldError> fieldErrors(List<Error> errors, JsonNode jsonSchema) {
    List<SchemaFieldError> fieldErrors = new ArrayList<>(errors.size());
    for (Error error : errors) {
      fieldErrors.add(fieldError(error, jsonSchema));
    }
    return fieldErrors;
  }

  private static SchemaFieldError fieldError(Error error, JsonNode jsonSchema) {
    String field = fieldPath(error.getInstanceLocation());
    JsonNode value = error.getInstanceNode();
    JsonNode schema = schemaObject(error, jsonSchema);
    String in = field + " in body";
    return switch (error.getKeyword()) {
      case "required" -> SchemaFieldError.required(child(field, error.getProperty()));
      case "type" ->
          SchemaFieldError.typeInvalid(
              field,
              typeName(value),
              in + " must be of type " + expectedTypes(schema) + ": " + quote(typeName(value)));
      case "format" ->
          SchemaFieldError.typeInvalid(
              field,
              value.asString(),
              in + " must be of type " + schema.path("format").asString() + ": " + quote(value));
      case "enum" -> {
        List<String> supported = new ArrayList<>();
        schema.path("enum").forEach(v -> supported.add(v.isString() ? v.asString() : v.toString()));
        yield SchemaFieldError.notSupported(field, value, supported);
      }
      case "pattern" ->
          SchemaFieldError.invalid(
              field, value, in + " should match '" + schema.path("pattern").asString() + "'");
      case "minimum" ->
          SchemaFieldError.invalid(
              field,
              value,
              in
                  + (schema.path("exclusiveMinimum").asBoolean(false)
                      ? " should be greater than "
                      : " should be greater than or equal to ")
                  + limit(schema.path("minimum")));
      case "maximum" ->
          SchemaFieldError.invalid(
              field,
              value,
              in
                  + (schema.path("exclusiveMaximum").asBoolean(false)
                      ? " should be less than "
                      : " should be less than or equal to ")
                  + limit(schema.path("maximum")));
      case "multipleOf" ->
          SchemaFieldError.invalid(
              field, value, in + " should be a multiple of " + limit(schema.path("multipleOf")));
      case "minLength" ->
          SchemaFieldError.invalid(
              field,
              value,
              in + " should be at least " + schema.path("minLength").asInt() + " chars long");
      case "maxLength" -> SchemaFieldError.tooLong(field, schema.path("maxLength").asInt());
      case "minItems" ->
          SchemaFieldError.invalidCount(
              field,
              value.size(),
              in + " should have at least " + schema.path("minItems").asInt() + " items");
      case "maxItems" ->
          SchemaFieldError.tooMany(field, value.size(), schema.path("maxItems").asInt());
      case "minProperties" ->
          SchemaFieldError.invalidCount(
              field,
              value.size(),
              in + " should have at least " + schema.path("minProperties").asInt() + " properties");
      case "maxProperties" ->
          SchemaFieldError.tooMany(field, value.size(), schema.path("maxProperties").asInt());
      case "uniqueItems" ->
          SchemaFieldError.invalid(field, value, in + " shouldn't contain duplicates");
      case "anyOf" ->
          SchemaFieldError.invalid(field, value, in + " must validate at least one schema (anyOf)");
      case "oneOf" ->
          SchemaFieldError.invalid(
              field, value, in + " must validate one and only one schema (oneOf)");
      case "allOf" ->
          SchemaFieldError.invalid(field, value, in + " must validate all the schemas (allOf)");
      case "not" -> SchemaFieldError.invalid(field, value, in + " must not validate the schema");
      default -> SchemaFieldError.invalid(field, value, error.getMessage());
    };
  }

  /** kube's field path: {@code spec.arguments.parameters[0].name}, no leading dot. */
  static String fieldPath(NodePath location) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(element);
      }
    }
    return path.toString();
  }

  private static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The schema object holding the failed keyword, found by the keyword's location. */
  private static JsonNode schemaObject(Error error, JsonNode jsonSchema) {
    NodePath keyword = error.getSchemaLocation().getFragment();
    JsonNode node = jsonSchema;
    for (int i = 0; i < keyword.getNameCount() - 1; i++) {
      Object element = keyword.getElement(i);
      node = element instanceof Integer index ? node.path(index) : node.path(element.toString());
    }
    return node;
  }

  /** kube-openapi's type names of decoded JSON: int64 is "integer", float64 "number". */
  private static String typeName(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    return switch (value.getNodeType()) {
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case OBJECT -> "object";
      case ARRAY -> "array";
      case NUMBER -> value.isIntegralNumber() ? "integer" : "number";
      default -> value.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  /** The declared types, without the "null" that nullable added: "integer,string" for both. */
  private static String expectedTypes(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (!type.isArray()) {
      return type.asString();
    }
    List<String> names = new ArrayList<>();
    type.forEach(
        name -> {
          if (!"null".equals(name.asString())) {
            names.add(name.asString());
          }
        });
    return String.join(",", names);
  }

  /** Limits are float64 in kube-openapi, printed with %v. */
  private static String limit(JsonNode limit) {
    return SchemaFieldError.goFloat(limit.doubleValue());
  }

  private static String quote(String text) {
    return SchemaFieldError.quote(text);
  }

  private static String quote(JsonNode value) {
    return SchemaFieldError.quote(value.asString());
  }
}
