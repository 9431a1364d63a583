package io.sparkrelay.standin.apiserver;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One custom resource kind as its CRD serves it: names, whether it has a status subresource, its
 * structural schema (which pruning walks) and the validator compiled from it once.
 */
public final class CrdSchema {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_4,
          registry ->
              registry.schemaRegistryConfig(
                  SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final boolean statusSubresource;
  private final JsonNode structuralSchema;
  private final ObjectNode jsonSchema;
  private final Schema validator;

  private CrdSchema(JsonNode file) {
    group = file.required("group").asString();
    version = file.required("version").asString();
    kind = file.required("kind").asString();
    plural = file.required("plural").asString();
    statusSubresource = file.required("subresources").required("status").asBoolean();
    structuralSchema = file.required("openAPIV3Schema");
    jsonSchema = CrdSchemaTranslation.toJsonSchema(structuralSchema);
    validator = REGISTRY.getSchema(jsonSchema);
    validator.initializeValidators();
  }

  /** Reads and compiles a file written by {@code crd-schemas.py} from the class path. */
  static CrdSchema load(String resource) {
    try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      return new CrdSchema(SchemaJson.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema errors of {@code object} (already pruned), as kube-apiserver words them. */
  List<SchemaFieldError> validate(JsonNode object) {
    return SchemaViolations.fieldErrors(validator.validate(object), jsonSchema);
  }

  public String group() {
    return group;
  }

  public String version() {
    return version;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  public boolean hasStatusSubresource() {
    return statusSubresource;
  }

  JsonNode structuralSchema() {
    return structuralSchema;
  }
}
