package io.sparkrelay.standin.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a request asks for, derived as kube-apiserver's RequestInfoFactory does (k8s.io/apiserver
 * endpoints/request/requestinfo.go): the authorizer and the Forbidden message see these values.
 * Absent values are empty strings, as in Go. {@code path} is the URL path without the query.
 */
public record RequestAttributes(
    boolean resourceRequest,
    String verb,
    String apiGroup,
    String apiVersion,
    String resource,
    String subresource,
    String namespace,
    String name,
    String path) {

  private static final Set<String> SPECIAL_VERBS = Set.of("proxy", "watch");
  private static final Set<String> NAMESPACE_SUBRESOURCES = Set.of("status", "finalize");

  /** {@code resource/subresource}, as RBAC rules and messages name it. */
  public String resourceWithSubresource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }

  public static RequestAttributes parse(String method, String pathWithQuery) {
    int q = pathWithQuery.indexOf('?');
    String path = q < 0 ? pathWithQuery : pathWithQuery.substring(0, q);
    Map<String, String> query = firstValues(q < 0 ? "" : pathWithQuery.substring(q + 1));
    List<String> parts = splitPath(path);
    boolean core = !parts.isEmpty() && parts.get(0).equals("api");
    boolean grouped = !parts.isEmpty() && parts.get(0).equals("apis");
    // /api/<version>/<resource>... or /apis/<group>/<version>/<resource>...; anything shorter
    // (/api/v1, /apis/<group>/<version>) is discovery, a non-resource URL.
    int prefixLength = core ? 2 : 3;
    if (!(core || grouped) || parts.size() <= prefixLength) {
      return nonResource(method, path);
    }
    String group = grouped ? parts.get(1) : "";
    String version = parts.get(prefixLength - 1);
    parts = parts.subList(prefixLength, parts.size());

    String verb;
    if (SPECIAL_VERBS.contains(parts.get(0))) {
      if (parts.size() < 2) {
        return nonResource(method, path); // kube answers this with an error; nothing to authorize
      }
      verb = parts.get(0);
      parts = parts.subList(1, parts.size());
    } else {
      verb = verbOf(method);
    }

    String namespace = "";
    if (parts.get(0).equals("namespaces") && parts.size() > 1) {
      namespace = parts.get(1);
      // /namespaces/<ns>/<resource>/...; but /namespaces/<ns>/status is the namespace's own.
      if (parts.size() > 2 && !NAMESPACE_SUBRESOURCES.contains(parts.get(2))) {
        parts = parts.subList(2, parts.size());
      }
    }
    String resource = parts.get(0);
    String name = parts.size() >= 2 ? parts.get(1) : "";
    String subresource = parts.size() >= 3 && !verb.equals("proxy") ? parts.get(2) : "";

    if (name.isEmpty() && verb.equals("get")) {
      verb = isWatch(query.get("watch")) ? "watch" : "list";
      // A list or watch of one object by field selector is authorized as that name.
      name = NameFieldSelector.requiredName(query.get("fieldSelector")).orElse("");
    }
    if (name.isEmpty() && verb.equals("delete")) {
      verb = "deletecollection";
    }
    return new RequestAttributes(
        true, verb, group, version, resource, subresource, namespace, name, path);
  }

  private static RequestAttributes nonResource(String method, String path) {
    return new RequestAttributes(
        false, method.toLowerCase(Locale.ROOT), "", "", "", "", "", "", path);
  }

  private static String verbOf(String method) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "POST" -> "create";
      case "GET", "HEAD" -> "get";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> "delete";
      default -> "";
    };
  }

  /** As kube decodes a bool parameter: present and neither "0" nor "false" means true. */
  private static boolean isWatch(String value) {
    return value != null && !value.equals("0") && !value.equalsIgnoreCase("false");
  }

  private static List<String> splitPath(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("/", -1));
  }

  /** Each parameter's first value, as Go's {@code url.Values.Get}; undecodable pairs dropped. */
  private static Map<String, String> firstValues(String query) {
    Map<String, String> values = new HashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      try {
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        values.putIfAbsent(key, value);
      } catch (IllegalArgumentException undecodable) {
        // Go's url.ParseQuery skips such a pair too.
      }
    }
    return values;
  }
}
