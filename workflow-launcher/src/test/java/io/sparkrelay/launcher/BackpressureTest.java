package io.sparkrelay.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.testkit.ConfigValues;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** At the limit of unfinished Workflows the launcher takes no more events until some finish. */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
@WithTestResource(
    value = ConfigValues.class,
    initArgs = @ResourceArg(name = "relay.limits.max-unfinished-workflows", value = "3"))
class BackpressureTest {

  private static final Duration DEADLINE = Duration.ofSeconds(30);

  @InjectNatsServer NatsServerProcess nats;
  @Inject KubernetesClient kubernetes;

  private List<GenericKubernetesResource> workflows() {
    return kubernetes
        .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
        .inNamespace("default")
        .list()
        .getItems();
  }

  private void finish(GenericKubernetesResource workflow) {
    kubernetes
        .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
        .inNamespace("default")
        .withName(workflow.getMetadata().getName())
        // the Workflow CRD has no status subresource: Argo writes the status with the object
        .edit(
            w -> {
              w.getAdditionalProperties().put("status", Map.of("phase", "Succeeded"));
              return w;
            });
  }

  @Test
  void stopsFetchingAtTheLimitAndResumesWhenWorkflowsFinish() throws Exception {
    try (EventBusClient bus = new EventBusClient(nats.url())) {
      bus.ensureEventsStream();
      for (String runId :
          IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID().toString()).toList()) {
        bus.publish(runId, "{\"job\":\"taxi-trip\"}");
      }

      await().atMost(DEADLINE).until(() -> workflows().size() == 3);
      await("held at the limit")
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .until(() -> workflows().size() == 3);
      assertThat(bus.consumerDrained()).isFalse();

      workflows().forEach(this::finish);

      await().atMost(DEADLINE).until(() -> workflows().size() == 5);
      await().atMost(DEADLINE).until(bus::consumerDrained);
    }
  }
}
