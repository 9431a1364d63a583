package io.sparkrelay.submitter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.testkit.KubernetesApiResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * NATS is not there when the service starts: it starts anyway and is not ready; a submission is
 * answered 503 (the admission limit cannot be checked across replicas), nothing is created.
 */
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
  void notReadyAndCreatingNothingUnchecked() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body("checks.find { it.name == 'nats' }.status", equalTo("DOWN"));
    Map<String, Object> body =
        Map.of("runId", "r-1", "workflow", "no-nats-0123456789", "profile", "pi");
    TestWorkflows.putMatching(client, body);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                given()
                    .get("/q/health/ready")
                    .jsonPath()
                    .getString("checks.find { it.name == 'kubernetes-api' }.status")
                    .equals("UP"));
    given()
        .header("Authorization", TestWorkflows.bearer())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/spark-applications")
        .then()
        .statusCode(503)
        .header("Retry-After", "5")
        .body("message", equalTo(SparkApplicationApiTest.NATS_AWAY));
    assertThat(
            client
                .genericKubernetesResources(
                    KubeResources.context(CustomResources.SPARK_APPLICATION))
                .inNamespace("spark-team-a")
                .list()
                .getItems())
        .isEmpty();
  }
}
