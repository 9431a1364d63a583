package io.sparkrelay.standin.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A namespaced custom resource path, {@code
 * /apis/<group>/<version>/namespaces/<ns>/<plural>[/<name>[/<subresource>]][?query]}, and the
 * {@code fieldValidation} query parameter. Cluster-wide lists and other paths are none.
 */
record SchemaRequestPath(
    String group,
    String version,
    String namespace,
    String plural,
    String name,
    String subresource,
    String fieldValidation) {

  static Optional<SchemaRequestPath> parse(String uri) {
    int query = uri.indexOf('?');
    String path = query < 0 ? uri : uri.substring(0, query);
    String[] segments = path.split("/", -1);
    // "", "apis", group, version, "namespaces", namespace, plural [, name [, subresource]]
    if (segments.length < 7
        || segments.length > 9
        || !segments[0].isEmpty()
        || !segments[1].equals("apis")
        || !segments[4].equals("namespaces")) {
      return Optional.empty();
    }
    for (int i = 1; i < segments.length; i++) {
      if (segments[i].isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new SchemaRequestPath(
            segments[2],
            segments[3],
            segments[5],
            segments[6],
            segments.length > 7 ? segments[7] : null,
            segments.length > 8 ? segments[8] : null,
            query < 0 ? null : parameter(uri.substring(query + 1), "fieldValidation")));
  }

  /** The object's own path, without subresource or query: what a GET of it reads. */
  String objectPath() {
    return "/apis/"
        + group
        + "/"
        + version
        + "/namespaces/"
        + namespace
        + "/"
        + plural
        + "/"
        + name;
  }

  boolean isCollection() {
    return name == null;
  }

  /** kube's directive: Strict refuses unknown fields; Ignore and Warn (the default) drop them. */
  boolean strict() {
    return "Strict".equals(fieldValidation);
  }

  private static String parameter(String query, String name) {
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
        return equals < 0
            ? ""
            : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
