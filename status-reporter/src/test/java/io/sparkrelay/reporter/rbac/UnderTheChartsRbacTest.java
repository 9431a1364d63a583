package io.sparkrelay.reporter.rbac;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.testkit.InjectKubernetesApi;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The reporter as the chart deploys it: its service account, the Roles the chart renders
 * (deploy/local/rbac/spark-relay.yaml) and the watch namespaces the chart sets. It becomes ready,
 * and the stand-in refused none of its calls.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(
    value = KubernetesApiResource.class,
    initArgs = {
      @ResourceArg(name = "rbac", value = UnderTheChartsRbacTest.CHART_RBAC),
      @ResourceArg(name = "identity", value = UnderTheChartsRbacTest.REPORTER),
      @ResourceArg(name = "relay.watch.workflow-namespaces", value = "argo-workflows"),
      @ResourceArg(name = "relay.watch.data-namespaces", value = "spark-team-a")
    })
class UnderTheChartsRbacTest {

  static final String CHART_RBAC = "../deploy/local/rbac/spark-relay.yaml";
  static final String REPORTER = "system:serviceaccount:spark-relay:spark-relay-status-reporter";

  @InjectKubernetesApi KubernetesApiStandIn api;

  @Test
  void becomesReadyAndNoCallIsRefused() {
    await("ready under the chart's Roles")
        .atMost(Duration.ofSeconds(30))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);

    assertThat(api.refusals()).isEmpty();
  }
}
