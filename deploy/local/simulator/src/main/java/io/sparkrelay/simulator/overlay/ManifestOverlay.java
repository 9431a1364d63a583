package io.sparkrelay.simulator.overlay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adds what the local stack needs to a production manifest, and changes nothing the manifest has:
 * an overlay document names its target by apiVersion, kind, metadata.name and metadata.namespace;
 * maps are merged key by key, a list item is merged into the item of the same {@code name} or
 * appended, and a text holding a JSON object (an Argo http step's body) has the overlay text's JSON
 * object merged into it the same way. A value that differs from the manifest's, a list item without
 * a name and an overlay document without a target are errors, named by their path.
 */
public final class ManifestOverlay {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectWriter BODY =
      JSON.writer(
          new DefaultPrettyPrinter()
              .withSeparators(
                  Separators.createDefaultInstance()
                      .withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

  private ManifestOverlay() {}

  /** {@code documents} with each overlay document merged into its target. */
  public static List<JsonNode> apply(List<JsonNode> documents, List<JsonNode> overlays) {
    List<JsonNode> result = new ArrayList<>(documents);
    for (JsonNode overlay : overlays) {
      int target = -1;
      for (int i = 0; i < result.size() && target < 0; i++) {
        if (identity(result.get(i)).equals(identity(overlay))) {
          target = i;
        }
      }
      if (target < 0) {
        throw new IllegalArgumentException("no " + describe(overlay) + " to add to");
      }
      result.set(target, merge(result.get(target), overlay, describe(overlay)));
    }
    return result;
  }

  /** {@code base} with {@code overlay} added; {@code path} names {@code base} in errors. */
  public static JsonNode merge(JsonNode base, JsonNode overlay, String path) {
    if (base.isObject() && overlay.isObject()) {
      ObjectNode merged = base.deepCopy();
      for (Map.Entry<String, JsonNode> field : overlay.properties()) {
        JsonNode existing = merged.get(field.getKey());
        merged.set(
            field.getKey(),
            existing == null
                ? field.getValue().deepCopy()
                : merge(existing, field.getValue(), path + "." + field.getKey()));
      }
      return merged;
    }
    if (base.isArray() && overlay.isArray()) {
      return mergeByName((ArrayNode) base, (ArrayNode) overlay, path);
    }
    if (base.equals(overlay)) {
      return base;
    }
    JsonNode baseObject = jsonObject(base);
    JsonNode overlayObject = jsonObject(overlay);
    if (baseObject != null && overlayObject != null) {
      return text(merge(baseObject, overlayObject, path + "(JSON)"), base.asText());
    }
    throw new IllegalArgumentException(
        path + " is " + base + " and an overlay only adds: it cannot make it " + overlay);
  }

  private static ArrayNode mergeByName(ArrayNode base, ArrayNode overlay, String path) {
    ArrayNode merged = base.deepCopy();
    for (JsonNode item : overlay) {
      String name = item.path("name").asText("");
      if (name.isEmpty()) {
        throw new IllegalArgumentException(
            path + ": an overlay's list item needs a name to be merged by, " + item + " has none");
      }
      int at = -1;
      for (int i = 0; i < merged.size() && at < 0; i++) {
        if (name.equals(merged.get(i).path("name").asText(null))) {
          at = i;
        }
      }
      if (at < 0) {
        merged.add(item.deepCopy());
      } else {
        merged.set(at, merge(merged.get(at), item, path + "[name=" + name + "]"));
      }
    }
    return merged;
  }

  /** The JSON object a text holds, or null when it holds none. */
  private static JsonNode jsonObject(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    try {
      JsonNode parsed = JSON.readTree(node.asText());
      return parsed != null && parsed.isObject() ? parsed : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The merged JSON object as text, ending in a line break when the manifest's text did. */
  private static JsonNode text(JsonNode object, String was) {
    try {
      return TextNode.valueOf(BODY.writeValueAsString(object) + (was.endsWith("\n") ? "\n" : ""));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> identity(JsonNode document) {
    return List.of(
        document.path("apiVersion").asText(""),
        document.path("kind").asText(""),
        document.path("metadata").path("name").asText(""),
        document.path("metadata").path("namespace").asText(""));
  }

  private static String describe(JsonNode document) {
    List<String> id = identity(document);
    String namespace = id.get(3);
    return id.get(0)
        + " "
        + id.get(1)
        + " "
        + (namespace.isEmpty() ? "" : namespace + "/")
        + id.get(2);
  }
}
