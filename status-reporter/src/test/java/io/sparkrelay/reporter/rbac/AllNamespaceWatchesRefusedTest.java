package io.sparkrelay.reporter.rbac;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.apiserver.Refusal;
import io.sparkrelay.testkit.InjectKubernetesApi;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Proof that the stand-in's RBAC bites: a reporter watching every namespace, as it did before it
 * took the chart's watch settings, is refused by the chart's namespaced Roles and never becomes
 * ready, and its readiness says which informer and why.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(
    value = KubernetesApiResource.class,
    initArgs = {
      @ResourceArg(name = "rbac", value = UnderTheChartsRbacTest.CHART_RBAC),
      @ResourceArg(name = "identity", value = UnderTheChartsRbacTest.REPORTER),
      @ResourceArg(name = "relay.watch.workflow-namespaces", value = ""),
      @ResourceArg(name = "relay.watch.data-namespaces", value = "")
    })
class AllNamespaceWatchesRefusedTest {

  @InjectKubernetesApi KubernetesApiStandIn api;

  @Test
  void isRefusedByTheChartsRolesAndNeverReady() {
    String refusal =
        "workflows.argoproj.io is forbidden: User \""
            + UnderTheChartsRbacTest.REPORTER
            + "\" cannot list resource \"workflows\" in API group \"argoproj.io\" at the cluster"
            + " scope";
    await("the cluster-wide list of Workflows refused")
        .atMost(Duration.ofSeconds(30))
        .until(() -> firstListOfWorkflowsRefused().isPresent());
    assertThat(firstListOfWorkflowsRefused().orElseThrow())
        .isEqualTo(
            new Refusal(
                UnderTheChartsRbacTest.REPORTER, "list", "workflows", "", "", 403, refusal));

    await("not ready, and readiness names the informer and the refusal")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        given()
                            .get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .extract()
                            .jsonPath()
                            .getString("checks.find { it.name == 'kubernetes' }.data.cause"))
                    .startsWith("Workflows in all namespaces not listed yet: ")
                    .contains(refusal));
    await("still not ready")
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .until(() -> given().get("/q/health/ready").statusCode() == 503);
  }

  private java.util.Optional<Refusal> firstListOfWorkflowsRefused() {
    return api.refusals().stream()
        .filter(r -> r.verb().equals("list") && r.resource().equals("workflows"))
        .findFirst();
  }
}
