package io.sparkrelay.submitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.submitter.submission.AdmissionGate;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerResource;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpClient.Version;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every refusal is a well-formed answer whatever the protocol: HTTP/1.1 as Argo's agent speaks it,
 * and HTTP/2 cleartext as the JDK client negotiates it (h2c upgrade) or a client starts it (prior
 * knowledge). An HTTP/2 answer carrying a connection-specific header is malformed (RFC 9113, 8.2.2)
 * and the JDK client refuses it with a protocol error.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class RefusalsOnHttp1AndHttp2Test {

  private static final String TOO_LARGE =
      "{\"message\":\"request body larger than the limit of 65536 bytes\"}";
  private static final String OVERSIZE = "{\"pad\":\"" + "x".repeat(70_000) + "\"}";
  private static final List<String> HOP_BY_HOP =
      List.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade");

  @TestHTTPResource("/api/v1/spark-applications")
  URI api;

  @Inject KubernetesClient client;
  @Inject AdmissionGate admission;
  @Inject Vertx vertx;

  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void noApplicationsLeft() {
    var applications =
        client
            .genericKubernetesResources(KubeResources.context(CustomResources.SPARK_APPLICATION))
            .inNamespace("spark-team-a");
    applications.list().getItems().forEach(app -> applications.resource(app).delete());
    await().until(() -> admission.unfinished("spark-team-a") == 0);
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTP_1_1", "HTTP_2"})
  void anOversizeBodyIs413NamingTheLimit(Version version) throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(version).build()) {
      assertOversizeRefused(http, version);
    }
  }

  private void assertOversizeRefused(HttpClient http, Version version) throws Exception {
    HttpResponse<String> declared = send(http, BodyPublishers.ofString(OVERSIZE));
    // without a Content-Length: chunked on HTTP/1.1, plain DATA frames on HTTP/2
    HttpResponse<String> streamed =
        send(
            http,
            BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(OVERSIZE.getBytes(StandardCharsets.UTF_8))));

    assertPlainAnswer(declared, version, 413, TOO_LARGE);
    assertPlainAnswer(streamed, version, 413, TOO_LARGE);
    // the rest of the body was refused: HTTP/1.1 by closing, HTTP/2 by resetting the one stream
    assertThat(declared.headers().firstValue("connection"))
        .isEqualTo(version == Version.HTTP_1_1 ? Optional.of("close") : Optional.empty());
    // and the client goes on
    assertPlainAnswer(
        send(http, BodyPublishers.ofString("[]")),
        version,
        400,
        "{\"errors\":[{\"field\":\"body\",\"message\":\"must be a JSON object\"}]}");
  }

  @ParameterizedTest
  @EnumSource(names = {"HTTP_1_1", "HTTP_2"})
  void invalidRefusedConflictingAndThrottledRequestsAreAnsweredAlike(Version version)
      throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(version).build()) {
      assertRefusalsAnswered(http, version);
    }
  }

  private void assertRefusalsAnswered(HttpClient http, Version version) throws Exception {
    String prefix = version == Version.HTTP_2 ? "h2-" : "h1-";

    assertPlainAnswer(
        send(http, request(runId(), prefix + "invalid", Map.of("profile", "word-count"))),
        version,
        400,
        "{\"errors\":[{\"field\":\"profile\","
            + "\"message\":\"unknown profile 'word-count'; known: [pi, taxi-trip]\"}]}");
    assertPlainAnswer(
        send(http, request(runId(), prefix + "refused", Map.of("executors", 5))),
        version,
        403,
        "{\"rule\":\"max-executors\",\"message\":\"5 executors asked, at most 4 allowed\"}");

    String owner = runId();
    assertThat(send(http, request(owner, prefix + "busy-0", Map.of())).statusCode()).isEqualTo(201);
    assertPlainAnswer(
        send(http, request(runId(), prefix + "busy-0", Map.of())),
        version,
        409,
        "{\"message\":\"SparkApplication spark-team-a/"
            + prefix
            + "busy-0-spark belongs to run "
            + owner
            + "\"}");

    for (int i = 1; i < 3; i++) {
      assertThat(send(http, request(runId(), prefix + "busy-" + i, Map.of())).statusCode())
          .isEqualTo(201);
    }
    HttpResponse<String> throttled = send(http, request(runId(), prefix + "busy-3", Map.of()));
    assertPlainAnswer(
        throttled,
        version,
        429,
        "{\"message\":\"namespace spark-team-a has 3 unfinished Spark Relay applications,"
            + " the limit\"}");
    assertThat(throttled.headers().firstValue("retry-after")).contains("7");
  }

  @Test
  void anOversizeBodyIs413OnHttp2WithPriorKnowledge() throws Exception {
    HttpClientOptions priorKnowledge =
        new HttpClientOptions()
            .setProtocolVersion(HttpVersion.HTTP_2)
            .setHttp2ClearTextUpgrade(false);
    var http = vertx.createHttpClient(priorKnowledge);
    try {
      Answer tooLarge = priorKnowledgePost(http, OVERSIZE);
      Answer refused =
          priorKnowledgePost(http, requestBody(runId(), "h2pk-refused", Map.of("executors", 5)));

      assertThat(tooLarge.version()).isEqualTo(HttpVersion.HTTP_2);
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(json.readTree(tooLarge.body())).isEqualTo(json.readTree(TOO_LARGE));
      assertThat(tooLarge.headerNames()).doesNotContainAnyElementsOf(HOP_BY_HOP);
      assertThat(refused.status()).isEqualTo(403);
      assertThat(json.readTree(refused.body()).get("rule").asText()).isEqualTo("max-executors");
    } finally {
      http.close();
    }
  }

  // --- helpers ---

  private record Answer(HttpVersion version, int status, List<String> headerNames, String body) {}

  private Answer priorKnowledgePost(io.vertx.core.http.HttpClient http, String body)
      throws Exception {
    return http.request(HttpMethod.POST, api.getPort(), api.getHost(), api.getPath())
        .compose(
            request ->
                request
                    .putHeader("Authorization", TestWorkflows.bearer())
                    .send(Buffer.buffer(body)))
        .compose(
            response ->
                response
                    .body()
                    .map(
                        content ->
                            new Answer(
                                response.version(),
                                response.statusCode(),
                                response.headers().names().stream()
                                    .map(name -> name.toLowerCase(Locale.ROOT))
                                    .toList(),
                                content.toString())))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private void assertPlainAnswer(
      HttpResponse<String> response, Version version, int status, String body) throws Exception {
    assertThat(response.version()).as("negotiated protocol").isEqualTo(version);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(json.readTree(response.body())).isEqualTo(json.readTree(body));
    if (version == Version.HTTP_2) {
      assertThat(response.headers().map().keySet()).doesNotContainAnyElementsOf(HOP_BY_HOP);
    }
  }

  private HttpResponse<String> send(HttpClient http, BodyPublisher body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(api)
            .header("Content-Type", "application/json")
            .header("Authorization", TestWorkflows.bearer())
            .POST(body)
            .build(),
        BodyHandlers.ofString());
  }

  private BodyPublisher request(String runId, String workflow, Map<String, Object> extra)
      throws Exception {
    return BodyPublishers.ofString(requestBody(runId, workflow, extra));
  }

  private String requestBody(String runId, String workflow, Map<String, Object> extra)
      throws Exception {
    Map<String, Object> body = new HashMap<>(extra);
    body.put("runId", runId);
    body.put("workflow", workflow);
    body.putIfAbsent("profile", "pi");
    TestWorkflows.putMatching(client, body);
    return json.writeValueAsString(body);
  }

  private static String runId() {
    return UUID.randomUUID().toString();
  }
}
