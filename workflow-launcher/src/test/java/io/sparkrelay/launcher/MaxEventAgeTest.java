package io.sparkrelay.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.launcher.nats.EventConsumer;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An event that waited on the EventBus longer than the maximum age (as in a replay from a
 * re-created consumer) is a dead letter with the reason, not a Workflow, unless its Workflow exists
 * already; a fresh one still runs.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
@WithTestResource(MaxEventAgeTest.ThreeSeconds.class)
class MaxEventAgeTest {

  private static final Duration MAX_AGE = Duration.ofSeconds(3);
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  /** A short age for this class, as a resource: a profile would lose the API server's URL. */
  public static class ThreeSeconds implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
      return Map.of("relay.consumer.max-event-age", MAX_AGE.toSeconds() + "s");
    }

    @Override
    public void stop() {}
  }

  @InjectNatsServer NatsServerProcess nats;
  @Inject KubernetesClient kubernetes;
  @Inject EventConsumer consumer;

  private List<GenericKubernetesResource> workflowsOf(String runId) {
    return LaunchedWorkflows.ofRun(kubernetes, runId);
  }

  /** A Workflow as an earlier, unacknowledged delivery of {@code runId}'s event made it. */
  private void createdEarlier(String runId) {
    LaunchedWorkflows.createAs(kubernetes, RunNames.workflow("taxi-trip", runId), runId);
  }

  @Test
  void anOldEventIsADeadLetterUnlessItsWorkflowExistsAndAFreshOneRuns() throws Exception {
    double tooOldBefore = MetricsProbe.value("relay_launcher_events_too_old_total");
    double existedBefore = MetricsProbe.value("relay_launcher_workflows_already_existed_total");
    String old = UUID.randomUUID().toString();
    String oldButLaunched = UUID.randomUUID().toString();
    String fresh = UUID.randomUUID().toString();
    createdEarlier(oldButLaunched);
    try (EventBusClient bus = new EventBusClient(nats.url())) {
      bus.ensureEventsStream();
      consumer.stop();
      try {
        bus.publish(old, "{\"job\":\"taxi-trip\"}");
        bus.publish(oldButLaunched, "{\"job\":\"taxi-trip\"}");
        long publishedAt = System.nanoTime();
        await("the first events older than the maximum age")
            .atMost(MAX_AGE.multipliedBy(3))
            .until(() -> System.nanoTime() - publishedAt > MAX_AGE.plusMillis(500).toNanos());
        bus.publish(fresh, "{\"job\":\"taxi-trip\"}");
      } finally {
        consumer.start();
      }

      await("the fresh event's Workflow")
          .atMost(DEADLINE)
          .until(() -> workflowsOf(fresh).size() == 1);
      await("the old event's dead letter")
          .atMost(DEADLINE)
          .until(() -> bus.deadLetters(old).size() == 1);
      await("consumer drained").atMost(DEADLINE).until(bus::consumerDrained);

      assertThat(workflowsOf(old)).as("Workflows of the old event").isEmpty();
      JsonNode dead = EventBusClient.data(bus.deadLetters(old).getFirst());
      assertThat(dead.path("runId").asText()).isEqualTo(old);
      assertThat(dead.path("reason").asText())
          .startsWith("the event was stored on the EventBus ")
          .contains("more than relay.consumer.max-event-age (PT3S)")
          .endsWith("publish the event anew if it should run");
      assertThat(dead.path("original").path("id").asText()).isEqualTo(old);
      assertThat(MetricsProbe.value("relay_launcher_events_too_old_total") - tooOldBefore)
          .as("events counted as too old")
          .isEqualTo(1.0);

      assertThat(bus.deadLetters(oldButLaunched))
          .as("dead letters of the old event whose Workflow exists")
          .isEmpty();
      assertThat(workflowsOf(oldButLaunched)).hasSize(1);
      assertThat(bus.runEvents(oldButLaunched)).as("its workflow-created event").hasSize(1);
      assertThat(MetricsProbe.value("relay_launcher_workflows_already_existed_total"))
          .isEqualTo(existedBefore + 1);

      assertThat(bus.deadLetters(fresh)).as("dead letters of the fresh event").isEmpty();
    }
  }
}
