package io.sparkrelay.standin.apiserver;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON mapper of schema admission. It is Jackson 3 because the schema validator is; the rest of
 * the stand-in (fabric8) uses Jackson 2, so objects cross between them as bytes only.
 */
final class SchemaJson {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private SchemaJson() {}

  /** The body as a JSON object, or empty when it is none (the store then answers as it does). */
  static Optional<ObjectNode> object(byte[] body) {
    return parse(body).filter(JsonNode::isObject).map(ObjectNode.class::cast);
  }

  static Optional<JsonNode> parse(byte[] body) {
    if (body == null || body.length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(MAPPER.readTree(body));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  static byte[] bytes(JsonNode node) {
    return MAPPER.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
  }
}
