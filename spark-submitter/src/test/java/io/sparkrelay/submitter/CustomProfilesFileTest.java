package io.sparkrelay.submitter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.testkit.ConfigValues;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Profiles from relay.profiles.file (a ConfigMap in a cluster) instead of the bundled ones. */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
@WithTestResource(
    value = ConfigValues.class,
    initArgs =
        @ResourceArg(
            name = "relay.profiles.file",
            value = "src/test/resources/custom-profiles.yaml"))
class CustomProfilesFileTest {

  @Inject KubernetesClient client;

  @Test
  void scalaProfileFromTheFileIsServedWithItsMainClass() {
    post("scala-pi", "scala-0123456789").statusCode(201);

    GenericKubernetesResource app =
        client
            .genericKubernetesResources(KubeResources.context(CustomResources.SPARK_APPLICATION))
            .inNamespace("spark-team-a")
            .withName("scala-0123456789-spark")
            .get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) app.getAdditionalProperties().get("spec");
    assertThat(spec)
        .containsEntry("type", "Scala")
        .containsEntry("mainClass", "org.apache.spark.examples.SparkPi")
        .containsEntry("arguments", java.util.List.of("100"));
  }

  @Test
  void aProfileWhoseImageThePolicyDoesNotAllowIsRefused() {
    post("foreign-image", "foreign-0123456789")
        .statusCode(403)
        .body("rule", equalTo("allowed-images"))
        .body("message", containsString("quay.io/someone/spark:latest"));
    given()
        .header("Authorization", TestWorkflows.bearer())
        .get("/api/v1/spark-applications/spark-team-a/foreign-0123456789-spark")
        .then()
        .statusCode(404);
  }

  @Test
  void theBundledProfilesAreReplacedNotMerged() {
    post("taxi-trip", "taxi-0123456789")
        .statusCode(400)
        .body(
            "errors[0].message",
            equalTo("unknown profile 'taxi-trip'; known: [foreign-image, scala-pi]"));
  }

  private io.restassured.response.ValidatableResponse post(String profile, String workflow) {
    Map<String, Object> body =
        Map.of("runId", workflow + "-run", "workflow", workflow, "profile", profile);
    TestWorkflows.putMatching(client, body);
    return given()
        .header("Authorization", TestWorkflows.bearer())
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/spark-applications")
        .then();
  }
}
