package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The objects of a rendered multi-document YAML stream, with small helpers to read into them. */
public record Manifests(List<Map<String, Object>> objects) {

  public static Manifests parse(String yaml) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
      if (document != null) {
        objects.add(asMap(document));
      }
    }
    return new Manifests(List.copyOf(objects));
  }

  public List<Map<String, Object>> ofKind(String kind) {
    return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
  }

  /** The one object of that kind and name; fails the test if there is not exactly one. */
  public Map<String, Object> named(String kind, String name) {
    List<Map<String, Object>> found =
        ofKind(kind).stream().filter(object -> name.equals(name(object))).toList();
    assertThat(found).as("%s %s", kind, name).hasSize(1);
    return found.get(0);
  }

  public static String name(Map<String, Object> object) {
    return (String) asMap(object.get("metadata")).get("name");
  }

  public static String namespace(Map<String, Object> object) {
    return (String) asMap(object.get("metadata")).get("namespace");
  }

  public static String component(Map<String, Object> object) {
    return (String) label(object, "app.kubernetes.io/component");
  }

  public static Object label(Map<String, Object> object, String key) {
    Object labels = asMap(object.get("metadata")).get("labels");
    return labels == null ? null : asMap(labels).get(key);
  }

  /** Follows a dotted path of map keys; null when any step is missing. */
  public static Object at(Object root, String dottedPath) {
    Object current = root;
    for (String key : dottedPath.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> asMap(Object value) {
    Objects.requireNonNull(value, "expected a mapping, found nothing");
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Object> asList(Object value) {
    Objects.requireNonNull(value, "expected a list, found nothing");
    assertThat(value).isInstanceOf(List.class);
    return (List<Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> asMaps(Object value) {
    return (List<Map<String, Object>>) (List<?>) asList(value);
  }
}
