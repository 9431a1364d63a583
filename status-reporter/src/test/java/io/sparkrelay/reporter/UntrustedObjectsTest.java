package io.sparkrelay.reporter;

import static io.sparkrelay.reporter.ReporterTestSupport.awaitReady;
import static io.sparkrelay.reporter.ReporterTestSupport.endEvents;
import static io.sparkrelay.reporter.ReporterTestSupport.run;
import static io.sparkrelay.reporter.RunScript.DRIVER;
import static io.sparkrelay.reporter.RunScript.EXECUTOR;
import static io.sparkrelay.reporter.RunScript.at;
import static io.sparkrelay.reporter.RunScript.terminated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects Spark Relay did not make do not write a run's timeline, whatever run-id label they carry:
 * a Workflow without {@code app.kubernetes.io/managed-by: spark-relay}, a pod without an owner, a
 * pod naming the genuine driver as its owner with a made-up UID. The genuine objects of the same
 * run still count.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class UntrustedObjectsTest {

  @InjectNatsServer NatsServerProcess nats;
  @Inject KubernetesClient client;

  private Cluster cluster;
  private RunEvents events;

  @BeforeEach
  void setUp() {
    cluster = new Cluster(client);
    events = new RunEvents(nats.url());
    awaitReady();
  }

  private static List<String> pods(JsonNode run) {
    return StreamSupport.stream(run.path("pods").spliterator(), false)
        .map(
            p ->
                p.path("name").asText()
                    + ":"
                    + p.path("role").asText()
                    + ":"
                    + p.path("phase").asText())
        .sorted()
        .toList();
  }

  @Test
  void spoofedPodsAndWorkflowsAreIgnoredAndTheGenuineOnesCount() {
    RunScript run = new RunScript(UUID.randomUUID().toString(), cluster, events);
    // what anyone who may create pods or Workflows in the watched namespaces could put there
    cluster.spoofedWorkflow(
        run.runId,
        run.workflow + "-fake",
        Map.of("phase", "Failed", "message", "spoofed failure", "finishedAt", at(2).toString()));
    cluster.spoofedPod(
        run.runId,
        run.application + "-fake-driver",
        "driver",
        run.application,
        terminated(DRIVER, "Failed", "OOMKilled", 137, 4, 5));

    run.untilRunning().forEach(RunScript.Step::run);
    cluster.spoofedPod(
        run.runId,
        run.application + "-exec-9",
        "executor",
        run.application,
        Cluster.ownedBy("v1", "Pod", run.driver, "00000000-0000-0000-0000-000000000000"),
        terminated(EXECUTOR, "Failed", "OOMKilled", 137, 12, 20));
    run.toCompletion().forEach(RunScript.Step::run);

    // the genuine pods' last updates come after the spoofed ones on the same watch
    List<String> genuine =
        List.of(
            run.driver + ":driver:Succeeded",
            run.application + "-exec-1:executor:Succeeded",
            run.application + "-exec-2:executor:Succeeded");
    await("the genuine pods' last states")
        .atMost(ReporterTestSupport.DEADLINE)
        .untilAsserted(
            () -> {
              JsonNode now = run(run.runId);
              assertThat(now.path("state").asText()).isEqualTo("COMPLETED");
              assertThat(now.path("workflow").path("phase").asText()).isEqualTo("Succeeded");
              assertThat(pods(now)).containsExactlyElementsOf(genuine.stream().sorted().toList());
            });
    JsonNode done = run(run.runId);
    assertThat(done.path("failures").size()).isZero();
    assertThat(done.path("reason").asText("none")).isIn("none", "null");
    assertThat(done.path("workflow").path("name").asText()).isEqualTo(run.workflow);
    assertThat(done.path("executors").path("count").asInt()).isEqualTo(2);
    assertThat(done.path("executors").path("failures").asInt()).isZero();
    assertThat(RunLifecycleTest.timeline(done))
        .containsExactlyElementsOf(RunLifecycleTest.COMPLETED_TIMELINE);

    await("one end event")
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> endEvents(nats.url(), run.runId).size() == 1);
    assertThat(endEvents(nats.url(), run.runId).getFirst().path("_subject").asText())
        .isEqualTo("relay.runs.completed");
  }
}
