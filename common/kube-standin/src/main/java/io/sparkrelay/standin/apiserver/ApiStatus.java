package io.sparkrelay.standin.apiserver;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Refusals as kube-apiserver writes them: a {@code v1 Status} with its fields in the API server's
 * order (kind, apiVersion, metadata, status, message, reason, details, code). The API server ends
 * the body with a newline; clients ignore it, and these bodies have none.
 */
public final class ApiStatus {

  private ApiStatus() {}

  /** 401, for a request without a known bearer token. */
  public static MockResponse unauthorized() {
    return response(401, status("Unauthorized", "Unauthorized", null, 401));
  }

  /**
   * 403 with kube's message: {@code <resource>[.<group>] ["<name>"] is forbidden: User "<user>"
   * cannot <verb> resource "<resource>[/<subresource>]" in API group "<group>" in the namespace
   * "<ns>"} (or {@code at the cluster scope}), {@code forbidden: User "<user>" cannot <verb> path
   * "<path>"} for a non-resource URL, and {@code ": " + reason} when the authorizer gave one.
   */
  public static MockResponse forbidden(RequestAttributes request, String user, String reason) {
    return response(403, forbiddenBody(request, user, reason));
  }

  /** The body of {@link #forbidden}. */
  public static String forbiddenBody(RequestAttributes request, String user, String reason) {
    String denial = denial(request, user) + (reason.isEmpty() ? "" : ": " + reason);
    Map<String, Object> details = new LinkedHashMap<>();
    putUnlessEmpty(details, "name", request.name());
    putUnlessEmpty(details, "group", request.apiGroup());
    putUnlessEmpty(details, "kind", request.resource());
    String message;
    if (request.resource().isEmpty()) {
      message = "forbidden: " + denial;
    } else if (request.name().isEmpty()) {
      message = groupResource(request) + " is forbidden: " + denial;
    } else {
      message = groupResource(request) + " " + quote(request.name()) + " is forbidden: " + denial;
    }
    return status(message, "Forbidden", details, 403);
  }

  private static String denial(RequestAttributes request, String user) {
    String who = "User " + quote(user) + " cannot " + request.verb();
    if (!request.resourceRequest()) {
      return who + " path " + quote(request.path());
    }
    String what =
        who
            + " resource "
            + quote(request.resourceWithSubresource())
            + " in API group "
            + quote(request.apiGroup());
    return request.namespace().isEmpty()
        ? what + " at the cluster scope"
        : what + " in the namespace " + quote(request.namespace());
  }

  private static String groupResource(RequestAttributes request) {
    return request.apiGroup().isEmpty()
        ? request.resource()
        : request.resource() + "." + request.apiGroup();
  }

  /** Go's %q for the names kube allows: JSON string quoting is the same for them. */
  private static String quote(String value) {
    return Serialization.asJson(value);
  }

  private static String status(
      String message, String reason, Map<String, Object> details, int code) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("metadata", Map.of());
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    if (details != null) {
      status.put("details", details);
    }
    status.put("code", code);
    return Serialization.asJson(status);
  }

  private static void putUnlessEmpty(Map<String, Object> map, String key, String value) {
    if (!value.isEmpty()) {
      map.put(key, value);
    }
  }

  private static MockResponse response(int code, String body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setHeader("X-Content-Type-Options", "nosniff")
        .setBody(body);
  }
}
