package io.sparkrelay.submitter.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads a profiles file: a YAML map of job profiles by name, at the top level or under a {@code
 * profiles} key. A profile that misses what a SparkApplication requires fails the whole file, so a
 * broken ConfigMap stops the rollout instead of failing requests later.
 */
public final class ProfileFileReader {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Set<String> TYPES = Set.of("Java", "Scala", "Python", "R");

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** The profiles of {@code source}, by name. {@code origin} only names the source in errors. */
  public Map<String, JobProfile> read(InputStream source, String origin) {
    Map<String, JobProfile> file;
    try {
      file = yaml.convertValue(profileMap(yaml.readTree(source)), new TypeReference<>() {});
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidProfilesException(origin + ": " + e.getMessage());
    }
    if (file == null || file.isEmpty()) {
      throw new InvalidProfilesException(origin + ": no profiles");
    }
    Map<String, JobProfile> profiles = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    file.forEach(
        (name, raw) -> {
          List<String> missing = problemsOf(name, raw);
          if (missing.isEmpty()) {
            profiles.put(name, ProfileDefaults.complete(name, raw));
          } else {
            problems.addAll(missing);
          }
        });
    if (!problems.isEmpty()) {
      throw new InvalidProfilesException(origin + ": " + String.join("; ", problems));
    }
    return profiles;
  }

  private static List<String> problemsOf(String name, JobProfile p) {
    List<String> problems = new ArrayList<>();
    if (!NAME.matcher(name).matches()) {
      problems.add("profile name '" + name + "' must be a DNS-1123 label");
    }
    if (p == null) {
      problems.add(name + ": empty profile");
      return problems;
    }
    require(problems, name, "namespace", p.namespace());
    require(problems, name, "image", p.image());
    require(problems, name, "sparkVersion", p.sparkVersion());
    require(problems, name, "mainApplicationFile", p.mainApplicationFile());
    if (!TYPES.contains(p.type())) {
      problems.add(name + ": type must be one of " + TYPES);
    }
    if (("Java".equals(p.type()) || "Scala".equals(p.type())) && isBlank(p.mainClass())) {
      problems.add(name + ": mainClass is required for type " + p.type());
    }
    return problems;
  }

  private static void require(List<String> problems, String name, String field, String value) {
    if (isBlank(value)) {
      problems.add(name + ": " + field + " is required");
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  /**
   * The map of profiles: under a top-level {@code profiles} key, or the whole document (how a Helm
   * value rendered with toYaml comes out).
   */
  private static JsonNode profileMap(JsonNode root) {
    if (root != null && root.size() == 1 && root.path("profiles").isObject()) {
      return root.get("profiles");
    }
    return root;
  }
}
