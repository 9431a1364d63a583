package io.sparkrelay.standin.apiserver;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drops what a structural schema does not know, as kube-apiserver does when it decodes a custom
 * resource: fields neither in {@code properties} nor allowed by {@code additionalProperties} nor
 * under {@code x-kubernetes-preserve-unknown-fields: true}. {@code apiVersion}, {@code kind} and
 * {@code metadata} of the object stay (ObjectMeta has rules of its own, not checked here). Nulls in
 * fields that are not {@code nullable} are dropped too, silently: kube prunes them before
 * defaulting and never reports them as unknown.
 */
final class SchemaPruning {

  /** Paths of the unknown fields dropped ({@code spec.foo}, {@code spec.templates[0].bar}). */
  record Result(List<String> unknownFields, boolean changed) {}

  private final List<String> unknownFields = new ArrayList<>();
  private boolean changed;

  private SchemaPruning() {}

  /** Prunes {@code object} in place. */
  static Result prune(ObjectNode object, JsonNode schema) {
    SchemaPruning pruning = new SchemaPruning();
    pruning.pruneObject(object, schema, "", true);
    List<String> unknown = new ArrayList<>(pruning.unknownFields);
    unknown.sort(null);
    return new Result(List.copyOf(unknown), pruning.changed);
  }

  private void pruneObject(ObjectNode object, JsonNode schema, String path, boolean resourceRoot) {
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    boolean keepUnknown =
        schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
            || additional.asBoolean(false);
    Iterator<Map.Entry<String, JsonNode>> fields = object.properties().iterator();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      if (resourceRoot && name.equals("metadata")) {
        continue;
      }
      JsonNode fieldSchema = properties.get(name);
      if (fieldSchema == null && additional.isObject()) {
        fieldSchema = additional;
      }
      if (fieldSchema == null) {
        if (!keepUnknown && !(resourceRoot && (name.equals("apiVersion") || name.equals("kind")))) {
          fields.remove();
          unknownFields.add(fieldPath);
          changed = true;
        }
      } else if (field.getValue().isNull()) {
        if (!fieldSchema.path("nullable").asBoolean(false)) {
          fields.remove();
          changed = true;
        }
      } else {
        prune(field.getValue(), fieldSchema, fieldPath);
      }
    }
  }

  private void prune(JsonNode value, JsonNode schema, String path) {
    if (value instanceof ObjectNode object) {
      pruneObject(object, schema, path, false);
    } else if (value.isArray() && schema.has("items")) {
      JsonNode items = schema.get("items");
      for (int i = 0; i < value.size(); i++) {
        prune(value.get(i), items, path + "[" + i + "]");
      }
    }
  }
}
