package io.sparkrelay.standin.apiserver;

import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a CRD's {@code openAPIV3Schema} into the JSON Schema (draft 4, whose {@code
 * exclusiveMinimum} and {@code exclusiveMaximum} are booleans as in OpenAPI v3) that checks what
 * kube-apiserver's schema validation checks:
 *
 * <ul>
 *   <li>{@code nullable: true} adds {@code "null"} to the type (and to the enum);
 *   <li>{@code x-kubernetes-int-or-string: true} is the type {@code ["integer","string"]}, as
 *       kube-apiserver converts it; the {@code anyOf} that controller-gen writes next to it says
 *       the same and is dropped, so a wrong value gets one type error, not two;
 *   <li>{@code format} stays only where kube-apiserver checks it ({@code date-time}): {@code int32}
 *       and {@code int64} are not range-checked by the API server and must not be here either;
 *   <li>annotations ({@code default}, {@code example}, {@code x-kubernetes-*}) are dropped: CEL
 *       rules ({@code x-kubernetes-validations}) and list-type uniqueness are not checked.
 * </ul>
 *
 * Unknown fields need no keyword: they are pruned before validation (see {@link SchemaPruning}).
 */
final class CrdSchemaTranslation {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Keywords that mean the same in OpenAPI v3 and JSON Schema draft 4. */
  private static final Set<String> COPIED =
      Set.of(
          "required",
          "pattern",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "minLength",
          "maxLength",
          "minItems",
          "maxItems",
          "uniqueItems",
          "multipleOf",
          "minProperties",
          "maxProperties");

  /** Formats kube-apiserver validates (k8s.io/kube-openapi strfmt) that the validator knows too. */
  private static final Set<String> CHECKED_FORMATS = Set.of("date-time");

  private CrdSchemaTranslation() {}

  static ObjectNode toJsonSchema(JsonNode openApiSchema) {
    ObjectNode schema = translate(openApiSchema);
    schema.put("$schema", "http://json-schema.org/draft-04/schema#");
    return schema;
  }

  private static ObjectNode translate(JsonNode in) {
    ObjectNode out = NODES.objectNode();
    boolean nullable = in.path("nullable").asBoolean(false);
    boolean intOrString = in.path("x-kubernetes-int-or-string").asBoolean(false);
    if (intOrString) {
      ArrayNode types = out.putArray("type").add("integer").add("string");
      if (nullable) {
        types.add("null");
      }
    } else if (in.has("type")) {
      if (nullable) {
        out.putArray("type").add(in.get("type").asString()).add("null");
      } else {
        out.set("type", in.get("type"));
      }
    }
    for (Map.Entry<String, JsonNode> keyword : in.properties()) {
      String name = keyword.getKey();
      JsonNode value = keyword.getValue();
      switch (name) {
        case "properties", "patternProperties" -> out.set(name, translateEach(value));
        case "additionalProperties" -> out.set(name, value.isBoolean() ? value : translate(value));
        case "items" -> out.set(name, value.isArray() ? translateAll(value) : translate(value));
        case "allOf", "oneOf" -> out.set(name, translateAll(value));
        case "anyOf" -> {
          if (!intOrString) {
            out.set(name, translateAll(value));
          }
        }
        case "not" -> out.set(name, translate(value));
        case "enum" -> {
          ArrayNode values = ((ArrayNode) value).deepCopy();
          if (nullable) {
            values.addNull();
          }
          out.set(name, values);
        }
        case "format" -> {
          if (CHECKED_FORMATS.contains(value.asString())) {
            out.set(name, value);
          }
        }
        default -> {
          if (COPIED.contains(name)) {
            out.set(name, value);
          }
        }
      }
    }
    return out;
  }

  private static ObjectNode translateEach(JsonNode schemasByName) {
    ObjectNode out = NODES.objectNode();
    for (Map.Entry<String, JsonNode> entry : schemasByName.properties()) {
      out.set(entry.getKey(), translate(entry.getValue()));
    }
    return out;
  }

  private static ArrayNode translateAll(JsonNode schemas) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode schema : schemas) {
      out.add(translate(schema));
    }
    return out;
  }
}
