package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends an Argo {@code http} template's request for real (Argo does it from its agent pod) and
 * judges the answer with the template's successCondition. Cluster-internal hosts are mapped to
 * local addresses through the service aliases (round-robin over several; one that refuses the
 * connection is passed over for the next). A header's {@code valueFrom.secretKeyRef} is read from
 * the Secret in the Workflow's namespace through the API, as the agent does it: with the Workflow's
 * service account ({@code agent}), so RBAC must let it get that Secret.
 */
final class HttpStepRunner {

  // Argo's agent speaks HTTP/1.1; the JDK default (HTTP/2 via h2c upgrade) would test another path
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ServiceAliases serviceAliases;
  private final KubernetesClient agent;

  /**
   * @param serviceAliases shared by every Workflow, so that the turns go round over all of them
   * @param agent the identity the Argo agent reads header Secrets as (the Workflow's service
   *     account); null when no header names one
   */
  HttpStepRunner(ServiceAliases serviceAliases, KubernetesClient agent) {
    this.serviceAliases = serviceAliases;
    this.agent = agent;
  }

  HttpStepRunner(Map<String, String> serviceAliases, KubernetesClient agent) {
    this(new ServiceAliases(serviceAliases), agent);
  }

  HttpStepRunner(Map<String, String> serviceAliases) {
    this(serviceAliases, null);
  }

  Outcome run(JsonNode http) {
    return run(http, null);
  }

  /** Sends the request of {@code http}, a template of a Workflow in {@code namespace}. */
  Outcome run(JsonNode http, String namespace) {
    String method = http.path("method").asText("GET").toUpperCase(java.util.Locale.ROOT);
    String url = http.path("url").asText();
    List<URI> targets;
    try {
      targets = serviceAliases.resolve(URI.create(url));
    } catch (IllegalArgumentException e) {
      return Outcome.error("invalid url '" + url + "': " + e.getMessage());
    }
    String body = http.hasNonNull("body") ? http.get("body").asText() : null;
    HttpRequest.Builder request =
        HttpRequest.newBuilder(targets.get(0))
            .timeout(Duration.ofSeconds(http.path("timeoutSeconds").asLong(30)))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (JsonNode header : http.path("headers")) {
      if (header.hasNonNull("value")) {
        request.header(header.path("name").asText(), header.path("value").asText());
      } else if (header.path("valueFrom").has("secretKeyRef")) {
        JsonNode ref = header.path("valueFrom").path("secretKeyRef");
        String value;
        try {
          value = secretValue(namespace, ref);
        } catch (IllegalStateException | KubernetesClientException e) {
          return Outcome.error(e.getMessage());
        }
        if (value != null) {
          request.header(header.path("name").asText(), value);
        }
      }
    }
    HttpResponse<String> response = null;
    for (int i = 0; response == null; i++) {
      try {
        response =
            client.send(request.uri(targets.get(i)).build(), HttpResponse.BodyHandlers.ofString());
      } catch (ConnectException e) {
        // nothing listens there (an instance down): the next address, as a Service would
        if (i == targets.size() - 1) {
          return Outcome.error(method + " " + url + " failed: " + e);
        }
      } catch (IOException e) {
        return Outcome.error(method + " " + url + " failed: " + e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Outcome.error("interrupted");
      }
    }
    String condition = http.path("successCondition").asText("");
    boolean success;
    try {
      success = HttpSuccessCondition.holds(condition, response.statusCode(), response.body());
    } catch (IllegalArgumentException e) {
      return Outcome.error(e.getMessage());
    }
    if (success) {
      return Outcome.succeeded(response.body());
    }
    // Argo's own wording: a retryStrategy expression may match on it (e.g. "response code: 429$").
    String message =
        condition.isEmpty()
            ? "received non-2xx response code: " + response.statusCode()
            : "successCondition '" + condition + "' evaluated false";
    return new Outcome(Outcome.FAILED, message, response.body(), retryAfter(response).orElse(null));
  }

  /**
   * The value of the Secret key {@code ref} names, in the Workflow's namespace; null when it is
   * optional and absent. Worded as Argo's agent fails the node.
   */
  private String secretValue(String namespace, JsonNode ref) {
    String name = ref.path("name").asText("");
    String key = ref.path("key").asText("");
    boolean optional = ref.path("optional").asBoolean(false);
    if (agent == null || namespace == null) {
      throw new IllegalStateException("no API client to read secret " + name);
    }
    Secret secret = agent.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      if (optional) {
        return null;
      }
      throw new IllegalStateException("secrets \"" + name + "\" not found");
    }
    if (secret.getData() != null && secret.getData().containsKey(key)) {
      return new String(
          Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
    if (secret.getStringData() != null && secret.getStringData().containsKey(key)) {
      return secret.getStringData().get(key);
    }
    if (optional) {
      return null;
    }
    throw new IllegalStateException("secret '" + name + "' does not have the key '" + key + "'");
  }

  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(value -> value.trim().matches("\\d+"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value.trim())));
  }
}
