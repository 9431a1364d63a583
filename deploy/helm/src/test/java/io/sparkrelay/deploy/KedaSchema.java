package io.sparkrelay.deploy;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * KEDA's ScaledObject schema (src/test/resources/keda, see its README): what the API server would
 * refuse (types, required fields, enums; networknt's validator in the OpenAPI 3.0 dialect, which
 * knows `nullable`) and what it would prune without a word (fields the schema does not declare).
 */
final class KedaSchema {

  private static final String RESOURCE = "/keda/scaledobjects.keda.sh-v1alpha1.schema.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode schema;
  private final Schema validator;

  private KedaSchema(JsonNode schema) {
    this.schema = schema;
    this.validator = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30()).getSchema(schema);
    this.validator.initializeValidators();
  }

  static KedaSchema scaledObject() {
    try (InputStream in = Objects.requireNonNull(KedaSchema.class.getResourceAsStream(RESOURCE))) {
      ObjectNode schema = (ObjectNode) JSON.readTree(in);
      // The package points metadata at its own ObjectMeta schema; here it is any object.
      ((ObjectNode) schema.get("properties")).putObject("metadata").put("type", "object");
      return new KedaSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the schema refuses in the object, and each field it does not declare. */
  List<String> problems(Map<String, Object> object) {
    JsonNode node = JSON.valueToTree(object);
    List<String> problems = new ArrayList<>();
    for (Error error : validator.validate(node)) {
      problems.add(error.getInstanceLocation() + ": " + error.getMessage());
    }
    undeclared(node, schema, "$", problems);
    return problems;
  }

  private static void undeclared(JsonNode value, JsonNode schema, String path, List<String> out) {
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        undeclared(value.get(i), schema.get("items"), path + "[" + i + "]", out);
      }
      return;
    }
    JsonNode declared = schema.get("properties");
    JsonNode additional = schema.get("additionalProperties");
    if (!value.isObject() || (declared == null && additional == null)) {
      return;
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String where = path + "." + field.getKey();
      if (declared != null && declared.has(field.getKey())) {
        undeclared(field.getValue(), declared.get(field.getKey()), where, out);
      } else if (additional != null && additional.isObject()) {
        undeclared(field.getValue(), additional, where, out);
      } else {
        out.add(where + ": not in KEDA's schema (the API server would drop it)");
      }
    }
  }
}
