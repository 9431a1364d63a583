package io.sparkrelay.standin.apiserver;

import io.fabric8.zjsonpatch.JsonPatch;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies a PATCH body to the stored object, to learn what the object will be as kube-apiserver
 * computes it: JSON merge patch (RFC 7386: arrays are replaced, where the CRUD store appends them),
 * JSON patch (RFC 6902, with fabric8's zjsonpatch, which the store uses too). A strategic merge
 * patch is taken as a merge patch (kube-apiserver refuses it for custom resources with 415).
 * Anything else (apply patches, a patch that does not apply) is empty: the store answers it.
 */
final class SchemaPatches {

  private static final com.fasterxml.jackson.databind.ObjectMapper JACKSON_2 =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private SchemaPatches() {}

  static Optional<ObjectNode> apply(JsonNode current, String contentType, byte[] patch) {
    String type = mediaType(contentType);
    Optional<JsonNode> body = SchemaJson.parse(patch);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    JsonNode patched =
        switch (type) {
          case "application/merge-patch+json", "application/strategic-merge-patch+json" ->
              mergePatch(current.deepCopy(), body.get());
          case "application/json-patch+json" -> jsonPatch(current, body.get());
          default -> null;
        };
    return patched instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
  }

  /** RFC 7386: objects merge key by key, null removes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target instanceof ObjectNode object ? object : SchemaJson.MAPPER.createObjectNode();
    for (Map.Entry<String, JsonNode> entry : patch.properties()) {
      if (entry.getValue().isNull()) {
        result.remove(entry.getKey());
      } else {
        JsonNode existing = result.get(entry.getKey());
        result.set(entry.getKey(), mergePatch(existing, entry.getValue()));
      }
    }
    return result;
  }

  /** Through Jackson 2, zjsonpatch's; JSON patches are rare here (controllers' status writes). */
  private static JsonNode jsonPatch(JsonNode current, JsonNode patch) {
    try {
      com.fasterxml.jackson.databind.JsonNode patched =
          JsonPatch.apply(
              JACKSON_2.readTree(SchemaJson.bytes(patch)),
              JACKSON_2.readTree(SchemaJson.bytes(current)));
      return SchemaJson.MAPPER.readTree(JACKSON_2.writeValueAsBytes(patched));
    } catch (RuntimeException | java.io.IOException e) {
      return null;
    }
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int parameters = contentType.indexOf(';');
    return (parameters < 0 ? contentType : contentType.substring(0, parameters))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
