package io.sparkrelay.submitter;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sparkrelay.testkit.KubernetesApiResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** NATS is not there when the service starts: it starts anyway, is not ready, and still creates. */
@QuarkusTest
@WithTestResource(KubernetesApiResource.class)
@WithTestResource(StartsWithoutNatsTest.NoNats.class)
class StartsWithoutNatsTest {

  /** A NATS URL where nothing listens. */
  public static class NoNats implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      try (ServerSocket socket = new ServerSocket(0)) {
        return Map.of("relay.nats.url", "nats://127.0.0.1:" + socket.getLocalPort());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void stop() {
      // nothing started
    }
  }

  @Inject KubernetesClient client;

  @Test
  void notReadyButCreating() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'nats' }.status", equalTo("DOWN"));
    Map<String, Object> body =
        Map.of("runId", "r-1", "workflow", "no-nats-0123456789", "profile", "pi");
    TestWorkflows.putMatching(client, body);
    given()
        .header("Authorization", TestWorkflows.bearer())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/spark-applications")
        .then()
        .statusCode(201)
        .body("name", equalTo("no-nats-0123456789-spark"));
  }
}
