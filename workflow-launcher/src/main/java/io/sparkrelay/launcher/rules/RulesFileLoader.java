package io.sparkrelay.launcher.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the trigger rules YAML (a file, or {@code classpath:<resource>}) and checks every rule, so
 * a bad file stops start-up with a message naming the rule and the field.
 */
public final class RulesFileLoader {

  private static final String CLASSPATH = "classpath:";

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
  private final RulesCompiler compiler;

  /**
   * @param maxParameterLength longest parameter value of a mapping that sets no {@code maxLength}
   */
  public RulesFileLoader(String defaultNamespace, int maxParameterLength) {
    this.compiler = new RulesCompiler(defaultNamespace, maxParameterLength);
  }

  public List<TriggerRule> load(String location) {
    return parse(read(location), location);
  }

  /** Checks and compiles the rules in {@code text}; {@code origin} names it in messages. */
  public List<TriggerRule> parse(String text, String origin) {
    JsonNode root;
    try {
      root = yaml.readTree(text);
    } catch (JacksonException e) {
      throw new RulesException(
          "trigger rules " + origin + ": not valid YAML: " + e.getOriginalMessage(), e);
    }
    JsonNode rules = root == null ? null : root.get("rules");
    if (rules == null || !rules.isArray()) {
      throw new RulesException("trigger rules " + origin + ": needs a top-level 'rules' list");
    }
    List<TriggerRule> compiled = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rules.size(); i++) {
      JsonNode node = rules.get(i);
      String label = label(node, i);
      TriggerRule rule = compileOne(node, origin, label);
      if (!names.add(rule.name())) {
        throw new RulesException(
            "trigger rules " + origin + ": " + label + ", field 'name': the name is used twice");
      }
      compiled.add(rule);
    }
    return List.copyOf(compiled);
  }

  private TriggerRule compileOne(JsonNode node, String origin, String label) {
    String prefix = "trigger rules " + origin + ": " + label + ", field '";
    try {
      if (!node.isObject()) {
        throw new RulesException("trigger rules " + origin + ": " + label + " is not a mapping");
      }
      return compiler.compile(yaml.treeToValue(node, RulesFileSpec.Rule.class));
    } catch (UnrecognizedPropertyException e) {
      throw new RulesException(prefix + path(e) + "': unknown field", e);
    } catch (JsonMappingException e) {
      throw new RulesException(prefix + path(e) + "': " + e.getOriginalMessage(), e);
    } catch (JacksonException e) {
      throw new RulesException(prefix + "?': " + e.getOriginalMessage(), e);
    } catch (RulesCompiler.FieldException e) {
      throw new RulesException(prefix + e.field + "': " + e.getMessage(), e);
    }
  }

  /** "rule 'taxi-trip' (#1)" or, without a name, "rule #1". */
  private static String label(JsonNode node, int index) {
    JsonNode name = node == null ? null : node.get("name");
    String number = "#" + (index + 1);
    return name != null && name.isTextual()
        ? "rule '" + name.asText() + "' (" + number + ")"
        : "rule " + number;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String read(String location) {
    try {
      if (location.startsWith(CLASSPATH)) {
        String resource = location.substring(CLASSPATH.length());
        try (InputStream in =
            Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
          if (in == null) {
            throw new RulesException("trigger rules " + location + ": no such resource");
          }
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return Files.readString(Path.of(location));
    } catch (IOException e) {
      throw new RulesException("trigger rules " + location + ": cannot read: " + e, e);
    }
  }
}
