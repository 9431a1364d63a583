package io.sparkrelay.reporter;

import static io.sparkrelay.reporter.ReporterTestSupport.awaitReady;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitState;
import static io.sparkrelay.reporter.ReporterTestSupport.endEvents;
import static io.sparkrelay.reporter.RunScript.DRIVER;
import static io.sparkrelay.reporter.RunScript.EXECUTOR;
import static io.sparkrelay.reporter.RunScript.at;
import static io.sparkrelay.reporter.RunScript.terminated;
import static io.sparkrelay.reporter.RunScript.waiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of failure ends the run FAILED, with a reason a user can act on. */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class FailureReasonTest {

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

  /** Until the application is submitted, without a driver yet. */
  private static List<RunScript.Step> submitted(RunScript run) {
    return new ArrayList<>(
        List.of(
            run.workflowCreatedEvent(),
            run.workflow("Running", null, null),
            run.sparkSubmittedEvent(),
            run.application("SUBMITTED", null, null, Map.of())));
  }

  private static List<RunScript.Step> with(List<RunScript.Step> steps, RunScript.Step... more) {
    steps.addAll(List.of(more));
    return steps;
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            "driver OOMKilled",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    with(
                        run.untilRunning(),
                        run.driverPod("oom", terminated(DRIVER, "Failed", "OOMKilled", 137, 8, 30)),
                        run.application(
                            "FAILED",
                            "driver container failed with ExitCode: 137, Reason: OOMKilled",
                            31,
                            Map.of())),
            "OOMKilled",
            "ran out of memory",
            30),
        Arguments.of(
            "driver image pull back-off",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    with(
                        submitted(run),
                        run.driverPod("image", waiting(DRIVER, "ImagePullBackOff", 5))),
            "ImagePullBackOff",
            "registry.example/spark:nope",
            5),
        Arguments.of(
            "driver image pull error",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    with(
                        submitted(run), run.driverPod("image", waiting(DRIVER, "ErrImagePull", 5))),
            "ErrImagePull",
            "cannot be pulled",
            5),
        Arguments.of(
            "driver evicted",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    with(
                        run.untilRunning(),
                        run.driverPod(
                            "evicted",
                            new PodStatusBuilder()
                                .withPhase("Failed")
                                .withReason("Evicted")
                                .withMessage("The node was low on resource: memory.")
                                .addNewCondition()
                                .withType("Ready")
                                .withStatus("False")
                                .withLastTransitionTime(at(40).toString())
                                .endCondition()
                                .build())),
            "Evicted",
            "low on resource: memory",
            40),
        Arguments.of(
            "driver exit code",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    with(
                        run.untilRunning(),
                        run.driverPod("exit 3", terminated(DRIVER, "Failed", "Error", 3, 8, 40))),
            "exit code 3",
            "exited with code 3",
            40),
        Arguments.of(
            "executor OOMKilled behind a driver exit code",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    with(
                        run.untilRunning(),
                        run.executorPod(
                            1, "oom", terminated(EXECUTOR, "Failed", "OOMKilled", 137, 12, 35)),
                        run.driverPod("exit 1", terminated(DRIVER, "Failed", "Error", 1, 8, 41)),
                        run.application(
                            "FAILED",
                            "driver container failed with ExitCode: 1, Reason: Error",
                            42,
                            Map.of())),
            "OOMKilled",
            "-exec-1",
            41),
        Arguments.of(
            "spark-submit failed",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    with(
                        submitted(run),
                        run.application(
                            "SUBMISSION_FAILED",
                            "failed to run spark-submit: main class not found",
                            null,
                            Map.of()),
                        run.application(
                            "FAILED",
                            "failed to run spark-submit: main class not found",
                            6,
                            Map.of())),
            "SubmissionFailed",
            "main class not found",
            6),
        Arguments.of(
            "application failed",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    with(
                        submitted(run),
                        run.application("FAILED", "driver pod not found", 20, Map.of())),
            "SparkApplicationFailed",
            "driver pod not found",
            20),
        Arguments.of(
            "workflow failed",
            (Function<RunScript, List<RunScript.Step>>)
                run ->
                    List.of(
                        run.workflowCreatedEvent(),
                        run.workflow(
                            "Failed", "child 'submit-spark' failed: 403 image not allowed", 4)),
            "WorkflowFailed",
            "403 image not allowed",
            4),
        Arguments.of(
            "workflow error",
            (Function<RunScript, List<RunScript.Step>>)
                run -> List.of(run.workflowCreatedEvent(), run.workflow("Error", "pod deleted", 4)),
            "WorkflowError",
            "pod deleted",
            4));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void theRunEndsFailedWithItsReason(
      String name,
      Function<RunScript, List<RunScript.Step>> steps,
      String reason,
      String messagePart,
      int failedSecond) {
    double failedBefore =
        MetricsProbe.value(
            "relay_reporter_runs_total", "outcome=\"failed\"", "reason=\"" + reason + "\"");
    RunScript run = new RunScript(UUID.randomUUID().toString(), cluster, events);

    steps.apply(run).forEach(RunScript.Step::run);

    JsonNode failed = awaitState(run.runId, "FAILED");
    assertThat(failed.path("reason").asText()).isEqualTo(reason);
    assertThat(failed.path("message").asText()).contains(messagePart);
    JsonNode last = failed.path("timeline").get(failed.path("timeline").size() - 1);
    assertThat(last.path("stage").asText()).isEqualTo("FAILED");
    assertThat(last.path("at").asText()).isEqualTo(at(failedSecond).toString());

    await("one failed event")
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> endEvents(nats.url(), run.runId).size() == 1);
    JsonNode event = endEvents(nats.url(), run.runId).getFirst();
    assertThat(event.path("_subject").asText()).isEqualTo("relay.runs.failed");
    assertThat(event.path("_msgId").asText()).isEqualTo(run.runId + ":failed");
    assertThat(event.path("data").path("reason").asText()).isEqualTo(reason);
    assertThat(event.path("data").path("message").asText()).contains(messagePart);
    await()
        .atMost(ReporterTestSupport.DEADLINE)
        .untilAsserted(
            () ->
                assertThat(
                        MetricsProbe.value(
                            "relay_reporter_runs_total",
                            "outcome=\"failed\"",
                            "reason=\"" + reason + "\""))
                    .isEqualTo(failedBefore + 1));
  }
}
