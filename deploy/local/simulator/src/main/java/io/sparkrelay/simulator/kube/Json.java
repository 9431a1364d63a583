package io.sparkrelay.simulator.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** JSON tree helpers: the simulator reads and writes custom resources as trees, not classes. */
public final class Json {

  public static final ObjectMapper MAPPER = Serialization.jsonMapper();

  private Json() {}

  public static ObjectNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(JsonNode node) {
    return MAPPER.convertValue(node, Map.class);
  }

  public static GenericKubernetesResource resource(JsonNode node) {
    return MAPPER.convertValue(node, GenericKubernetesResource.class);
  }

  /** The text at a dotted path ("status.applicationState.state"), or "" when absent. */
  public static String text(JsonNode node, String dottedPath) {
    JsonNode at = at(node, dottedPath);
    return at == null || at.isNull() || at.isMissingNode() ? "" : at.asText();
  }

  /**
   * The node at a dotted path; numeric segments index arrays. Null when a segment is missing.
   * Backslash-escaped dots belong to the key ("metadata.labels.app\.kubernetes\.io/name").
   */
  public static JsonNode at(JsonNode node, String dottedPath) {
    JsonNode current = node;
    for (String segment : dottedPath.split("(?<!\\\\)\\.")) {
      if (current == null) {
        return null;
      }
      String key = segment.replace("\\.", ".");
      if (current.isArray() && key.chars().allMatch(Character::isDigit) && !key.isEmpty()) {
        current = current.get(Integer.parseInt(key));
      } else {
        current = current.get(key);
      }
    }
    return current;
  }

  /** Kubernetes timestamps have second precision. */
  public static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  public static String now() {
    return timestamp(Instant.now());
  }
}
