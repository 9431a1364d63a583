package io.sparkrelay.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.standin.RelayCustomResources;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for spark-submitter in the simulator's own tests: answers the first {@code throttled}
 * calls with 429 + Retry-After, then creates the SparkApplication the contract names and answers
 * 201.
 */
final class FakeSparkSubmitter implements AutoCloseable {

  private final HttpServer server;
  private final KubernetesClient client;
  private final Set<String> throttledRuns;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  FakeSparkSubmitter(KubernetesClient client, Set<String> throttledRuns) throws IOException {
    this.client = client;
    this.throttledRuns = ConcurrentHashMap.newKeySet();
    this.throttledRuns.addAll(throttledRuns);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/api/v1/spark-applications", this::handle);
    server.start();
  }

  String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  List<JsonNode> requests() {
    return requests;
  }

  private void handle(HttpExchange exchange) throws IOException {
    JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
    requests.add(request);
    if (throttledRuns.remove(request.path("runId").asText())) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      respond(exchange, 429, "{\"message\":\"too many running applications\"}");
      return;
    }
    String workflow = request.path("workflow").asText();
    String name = workflow + "-spark";
    String scenario = request.path("labels").path("spark-relay.io/scenario").asText("");
    Map<String, String> labels =
        scenario.isEmpty()
            ? Map.of("spark-relay.io/run-id", request.path("runId").asText())
            : Map.of(
                "spark-relay.io/run-id",
                request.path("runId").asText(),
                "spark-relay.io/scenario",
                scenario);
    ObjectNode spec = Json.MAPPER.createObjectNode();
    spec.put("type", "Scala").put("mode", "cluster").put("image", "docker.io/library/spark:4.0.0");
    spec.putObject("driver").put("cores", 1).set("labels", Json.MAPPER.valueToTree(labels));
    spec.putObject("executor")
        .put("instances", 2)
        .set(
            "labels",
            Json.MAPPER.valueToTree(
                Map.of("spark-relay.io/run-id", request.path("runId").asText())));
    GenericKubernetesResource app = new GenericKubernetesResource();
    app.setApiVersion("sparkoperator.k8s.io/v1beta2");
    app.setKind("SparkApplication");
    app.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
            .withName(name)
            .withNamespace("spark-team-a")
            .withLabels(labels)
            .build());
    app.setAdditionalProperty("spec", Json.map(spec));
    client
        .genericKubernetesResources(RelayCustomResources.SPARK_APPLICATION)
        .inNamespace("spark-team-a")
        .resource(app)
        .create();
    respond(
        exchange,
        201,
        "{\"name\":\"" + name + "\",\"namespace\":\"spark-team-a\",\"state\":\"SUBMITTED\"}");
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
