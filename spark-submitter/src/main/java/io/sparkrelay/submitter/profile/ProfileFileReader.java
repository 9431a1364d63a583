package io.sparkrelay.submitter.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
 * Reads a profiles file: a YAML document whose {@code profiles} map names each job profile. A
 * profile that misses what a SparkApplication requires fails the whole file, so a broken ConfigMap
 * stops the rollout instead of failing requests later.
 */
public final class ProfileFileReader {

  private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final Set<String> TYPES = Set.of("Java", "Scala", "Python", "R");

  private final ObjectMapper yaml =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** The profiles of {@code source}, by name. {@code origin} only names the source in errors. */
  public Map<String, JobProfile> read(InputStream source, String origin) {
    ProfilesFile file;
    try {
      file = yaml.readValue(source, new TypeReference<>() {});
    } catch (IOException e) {
      throw new InvalidProfilesException(origin + ": " + e.getMessage());
    }
    if (file == null || file.profiles() == null || file.profiles().isEmpty()) {
      throw new InvalidProfilesException(origin + ": no profiles");
    }
    Map<String, JobProfile> profiles = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    file.profiles()
        .forEach(
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

  /** The file's top level. */
  record ProfilesFile(Map<String, JobProfile> profiles) {}
}
