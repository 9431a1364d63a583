package io.sparkrelay.simulator.argo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.simulator.kube.KubeClients;
import io.sparkrelay.standin.KubernetesApiStandIn;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpStepRunnerTest {

  private final AtomicReference<String> protocol = new AtomicReference<>();
  private final AtomicReference<Headers> headers = new AtomicReference<>();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/api/v1/spark-applications",
        exchange -> {
          protocol.set(exchange.getProtocol());
          headers.set(exchange.getRequestHeaders());
          exchange.getRequestBody().readAllBytes();
          byte[] answer = "{\"rule\":\"max-executors\"}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(403, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void speaksHttp11AsArgosAgentDoesWithoutAskingForAnUpgrade() throws Exception {
    HttpStepRunner runner =
        new HttpStepRunner(
            Map.of(
                "spark-submitter.spark-relay:8080", "127.0.0.1:" + server.getAddress().getPort()));
    JsonNode http =
        new ObjectMapper()
            .readTree(
                """
                {"method": "POST", "url": "http://spark-submitter.spark-relay:8080/api/v1/spark-applications",
                 "body": "{\\"runId\\": \\"r-1\\"}"}
                """);

    Outcome outcome = runner.run(http);

    assertThat(protocol.get()).isEqualTo("HTTP/1.1");
    assertThat(headers.get()).doesNotContainKeys("Upgrade", "Http2-settings");
    assertThat(outcome.phase()).isEqualTo(Outcome.FAILED);
    assertThat(outcome.message()).isEqualTo("received non-2xx response code: 403");
    assertThat(outcome.result()).isEqualTo("{\"rule\":\"max-executors\"}");
  }

  @Test
  void aHeaderFromASecretIsReadInTheWorkflowsNamespaceAsTheAgentWould() throws Exception {
    try (KubernetesApiStandIn api = KubernetesApiStandIn.start(0);
        KubernetesClient agent = KubeClients.forUrl(api.url())) {
      agent
          .secrets()
          .inNamespace("argo-workflows")
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("submitter-credential")
                  .endMetadata()
                  .addToData(
                      "authorization",
                      Base64.getEncoder()
                          .encodeToString("Bearer s3cr3t".getBytes(StandardCharsets.UTF_8)))
                  .build())
          .create();
      HttpStepRunner runner =
          new HttpStepRunner(
              Map.of("submitter:8080", "127.0.0.1:" + server.getAddress().getPort()), agent);

      runner.run(request("submitter-credential", "authorization", false), "argo-workflows");
      assertThat(headers.get().getFirst("Authorization")).isEqualTo("Bearer s3cr3t");

      Outcome missing = runner.run(request("other", "authorization", false), "argo-workflows");
      assertThat(missing.phase()).isEqualTo(Outcome.ERROR);
      assertThat(missing.message()).isEqualTo("secrets \"other\" not found");
      Outcome noKey = runner.run(request("submitter-credential", "token", false), "argo-workflows");
      assertThat(noKey.message())
          .isEqualTo("secret 'submitter-credential' does not have the key 'token'");
      headers.set(null);
      runner.run(request("other", "authorization", true), "argo-workflows");
      assertThat(headers.get()).doesNotContainKey("Authorization");
    }
  }

  @Test
  void severalAddressesOfOneServiceAreTakenInTurnAndOneRefusingConnectionsIsPassedOver()
      throws Exception {
    List<String> answeredBy = new ArrayList<>();
    HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    other.createContext(
        "/api/v1/spark-applications",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    other.start();
    int closedPort;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = closed.getLocalPort(); // nothing listens there once it is closed
    }
    try {
      String first = "127.0.0.1:" + server.getAddress().getPort();
      String second = "127.0.0.1:" + other.getAddress().getPort();
      String down = "127.0.0.1:" + closedPort;
      HttpStepRunner runner =
          new HttpStepRunner(
              Map.of("spark-submitter.spark-relay:8080", first + "," + down + "," + second));
      JsonNode http =
          new ObjectMapper()
              .readTree(
                  """
                  {"method": "POST", "url": "http://spark-submitter.spark-relay:8080/api/v1/spark-applications",
                   "body": "{}"}
                  """);

      for (int i = 0; i < 4; i++) {
        Outcome outcome = runner.run(http);
        // the first server answers 403, the other 201
        answeredBy.add(outcome.phase().equals(Outcome.FAILED) ? "first" : "second");
      }

      // turns: first, down (passed over: the next one, second, answers), second, first again
      assertThat(answeredBy).containsExactly("first", "second", "second", "first");
    } finally {
      other.stop(0);
    }
  }

  @Test
  void whenEveryAddressRefusesTheStepErrsAsArgoWouldOnARefusedConnection() throws Exception {
    int closedPort;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = closed.getLocalPort();
    }
    HttpStepRunner runner = new HttpStepRunner(Map.of("submitter:8080", "127.0.0.1:" + closedPort));
    JsonNode http =
        new ObjectMapper()
            .readTree(
                """
                {"method": "POST", "url": "http://submitter:8080/api/v1/spark-applications", "body": "{}"}
                """);

    Outcome outcome = runner.run(http);

    assertThat(outcome.phase()).isEqualTo(Outcome.ERROR);
    assertThat(outcome.message())
        .startsWith(
            "POST http://submitter:8080/api/v1/spark-applications failed:"
                + " java.net.ConnectException");
  }

  private static JsonNode request(String secret, String key, boolean optional) throws Exception {
    return new ObjectMapper()
        .readTree(
            """
            {"method": "POST", "url": "http://submitter:8080/api/v1/spark-applications", "body": "{}",
             "headers": [{"name": "Authorization",
                          "valueFrom": {"secretKeyRef": {"name": "%s", "key": "%s", "optional": %s}}}]}
            """
                .formatted(secret, key, optional));
  }
}
