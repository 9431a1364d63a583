package io.sparkrelay.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.apiserver.Refusal;
import io.sparkrelay.testkit.InjectKubernetesApi;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Proof that the stand-in's RBAC bites on exactly the call a Role leaves out: with a Role without
 * {@code create}, the launcher's informer still lists and watches, its create is refused 403, and
 * the event is a dead letter naming the refusal.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(
    value = KubernetesApiResource.class,
    initArgs = {
      @ResourceArg(name = "rbac", value = "src/test/resources/rbac/launcher-without-create.yaml"),
      @ResourceArg(
          name = "identity",
          value = "system:serviceaccount:spark-relay:spark-relay-workflow-launcher")
    })
class RoleMissingCreateTest {

  private static final String LAUNCHER =
      "system:serviceaccount:spark-relay:spark-relay-workflow-launcher";

  @InjectNatsServer NatsServerProcess nats;
  @InjectKubernetesApi KubernetesApiStandIn api;

  @Test
  void theCreateIsRefusedAndNothingElse() throws Exception {
    String runId = UUID.randomUUID().toString();
    String workflow = RunNames.workflow("taxi-trip", runId);
    try (EventBusClient bus = new EventBusClient(nats.url())) {
      bus.ensureEventsStream();
      bus.publish(runId, "{\"job\":\"taxi-trip\"}");

      await("dead letter")
          .atMost(Duration.ofSeconds(30))
          .until(() -> bus.deadLetters(runId).size() == 1);
      JsonNode data = EventBusClient.data(bus.deadLetters(runId).getFirst());
      assertThat(data.path("cause").asText()).isEqualTo("api-refused");
      assertThat(data.path("reason").asText())
          .startsWith("rule 'taxi-trip': creating Workflow default/" + workflow + ": ")
          .contains("403")
          .contains(
              "cannot create resource \"workflows\" in API group \"argoproj.io\" in the namespace"
                  + " \"default\"");
    }
    assertThat(api.refusals())
        .containsExactly(
            new Refusal(
                LAUNCHER,
                "create",
                "workflows",
                "default",
                "",
                403,
                "workflows.argoproj.io is forbidden: User \""
                    + LAUNCHER
                    + "\" cannot create resource \"workflows\" in API group \"argoproj.io\" in the"
                    + " namespace \"default\""));
  }
}
