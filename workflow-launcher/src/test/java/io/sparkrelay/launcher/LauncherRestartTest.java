package io.sparkrelay.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.launcher.nats.EventConsumer;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Interruptions in the middle of a stream of events: still exactly one Workflow per event. */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class LauncherRestartTest {

  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final int EVENTS = 300;

  @InjectNatsServer NatsServerProcess nats;
  @Inject KubernetesClient kubernetes;
  @Inject EventConsumer consumer;

  private EventBusClient bus;

  @BeforeEach
  void connect() throws Exception {
    bus = new EventBusClient(nats.url());
    bus.ensureEventsStream();
  }

  @AfterEach
  void close() throws Exception {
    consumer.start();
    bus.close();
  }

  private List<String> publishEvents() throws Exception {
    List<String> runIds =
        IntStream.range(0, EVENTS).mapToObj(i -> UUID.randomUUID().toString()).toList();
    for (String runId : runIds) {
      bus.publish(runId, "{\"job\":\"taxi-trip\",\"input\":\"s3://in-bucket/" + runId + "/\"}");
    }
    return runIds;
  }

  /** Workflows per run id, for the given runs only. */
  private Map<String, Long> workflowsPerRun(List<String> runIds) {
    Set<String> wanted = Set.copyOf(runIds);
    return kubernetes
        .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
        .inNamespace("default")
        .withLabel("spark-relay.io/trigger", "taxi-trip")
        .list()
        .getItems()
        .stream()
        .map(w -> w.getMetadata().getLabels().get("spark-relay.io/run-id"))
        .filter(wanted::contains)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  private void assertExactlyOneWorkflowPerEvent(List<String> runIds) {
    await("every event has its Workflow")
        .atMost(DEADLINE)
        .until(() -> workflowsPerRun(runIds).size() == runIds.size());
    await("consumer drained").atMost(DEADLINE).until(bus::consumerDrained);
    Map<String, Long> perRun = workflowsPerRun(runIds);
    assertThat(perRun).hasSize(EVENTS);
    assertThat(perRun.values()).containsOnly(1L);
    List<GenericKubernetesResource> all =
        kubernetes
            .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
            .inNamespace("default")
            .list()
            .getItems();
    Set<String> names =
        all.stream().map(w -> w.getMetadata().getName()).collect(Collectors.toSet());
    assertThat(runIds)
        .allSatisfy(id -> assertThat(names).contains(RunNames.workflow("taxi-trip", id)));
    assertThat(runIds).allSatisfy(id -> assertThat(bus.deadLetters(id)).isEmpty());
  }

  @Test
  void aLauncherStoppedAndStartedMidStreamMakesOneWorkflowPerEvent() throws Exception {
    List<String> runIds = publishEvents();
    await().atMost(DEADLINE).until(() -> workflowsPerRun(runIds).size() >= 30);

    consumer.stop();
    int atStop = workflowsPerRun(runIds).size();
    assertThat(atStop).isLessThan(EVENTS);
    assertThat(consumer.isReady()).isFalse();

    consumer.start();
    assertExactlyOneWorkflowPerEvent(runIds);
  }

  @Test
  void natsKilledAndRestartedMidStreamStillMakesOneWorkflowPerEvent() throws Exception {
    List<String> runIds = publishEvents();
    await().atMost(DEADLINE).until(() -> workflowsPerRun(runIds).size() >= 30);

    nats.kill();
    nats.start();

    assertExactlyOneWorkflowPerEvent(runIds);
    await("ready again").atMost(DEADLINE).until(consumer::isReady);
  }
}
