package io.sparkrelay.reporter.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.WorkflowCreated;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.FailureKind;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FactsTest {

  private static final String RUN = "run-1";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Map<String, String> LABELS =
      Map.of(RelayLabels.RUN_ID, RUN, RelayLabels.TRIGGER, "taxi");

  private static PodBuilder pod(String name, String role) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("spark-team-a")
        .withCreationTimestamp("2026-03-01T10:00:04Z")
        .addToLabels(LABELS)
        .addToLabels(RelayLabels.SPARK_ROLE, role)
        .addToLabels(RelayLabels.SPARK_APP_NAME, "taxi-abc-spark")
        .endMetadata();
  }

  private static RunState facts(Pod pod) {
    return PodFacts.from(pod, NOW).orElseThrow();
  }

  @Test
  void aRunningDriverMarksDriverRunningAtTheContainerStart() {
    Pod driver =
        pod("d", "driver")
            .withNewStatus()
            .withPhase("Running")
            .addNewContainerStatus()
            .withName("spark-kubernetes-driver")
            .withNewState()
            .withNewRunning("2026-03-01T10:00:08Z")
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();

    RunState run = facts(driver);

    assertThat(run.state()).isEqualTo(Stage.DRIVER_RUNNING);
    assertThat(run.stages())
        .containsEntry(Stage.DRIVER_RUNNING, Instant.parse("2026-03-01T10:00:08Z"));
    assertThat(run.application().name()).isEqualTo("taxi-abc-spark");
    assertThat(run.pods().get("d").container()).isEqualTo("running");
  }

  @Test
  void anOomKilledDriverFailsTheRunAtItsFinishTime() {
    Pod driver =
        pod("d", "driver")
            .withNewStatus()
            .withPhase("Failed")
            .addNewContainerStatus()
            .withName("spark-kubernetes-driver")
            .withNewState()
            .withNewTerminated()
            .withReason("OOMKilled")
            .withExitCode(137)
            .withStartedAt("2026-03-01T10:00:08Z")
            .withFinishedAt("2026-03-01T10:00:30Z")
            .endTerminated()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();

    RunState run = facts(driver);

    assertThat(run.state()).isEqualTo(Stage.FAILED);
    assertThat(run.stages()).containsEntry(Stage.FAILED, Instant.parse("2026-03-01T10:00:30Z"));
    assertThat(run.reason()).map(Failure::reason).contains("OOMKilled");
  }

  @Test
  void anExecutorExitCodeIsCountedButDoesNotEndTheRun() {
    Pod executor =
        pod("e1", "executor")
            .withNewStatus()
            .withPhase("Failed")
            .addNewContainerStatus()
            .withName("spark-kubernetes-executor")
            .withNewState()
            .withNewTerminated()
            .withExitCode(52)
            .withFinishedAt("2026-03-01T10:00:30Z")
            .endTerminated()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();

    RunState run = facts(executor);

    assertThat(run.ended()).isFalse();
    assertThat(run.executorFailures()).isEqualTo(1);
    assertThat(run.failures().values()).extracting(Failure::reason).containsExactly("exit code 52");
  }

  @Test
  void anImagePullBackOffDriverFailsTheRunWithTheImageInTheMessage() {
    Pod driver =
        pod("d", "driver")
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("ContainersReady")
            .withStatus("False")
            .withLastTransitionTime("2026-03-01T10:00:05Z")
            .endCondition()
            .addNewContainerStatus()
            .withName("spark-kubernetes-driver")
            .withImage("registry.local/spark:missing")
            .withNewState()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();

    RunState run = facts(driver);

    assertThat(run.state()).isEqualTo(Stage.FAILED);
    assertThat(run.stages()).containsEntry(Stage.FAILED, Instant.parse("2026-03-01T10:00:05Z"));
    Failure reason = run.reason().orElseThrow();
    assertThat(reason.kind()).isEqualTo(FailureKind.IMAGE_PULL_BACK_OFF);
    assertThat(reason.message()).contains("registry.local/spark:missing");
  }

  @Test
  void anEvictedDriverFailsTheRun() {
    Pod driver =
        pod("d", "driver")
            .withNewStatus()
            .withPhase("Failed")
            .withReason("Evicted")
            .withMessage("The node was low on resource: memory.")
            .endStatus()
            .build();

    assertThat(facts(driver).reason()).map(Failure::reason).contains("Evicted");
  }

  @Test
  void podsWithoutTheRunIdOrRoleAreNotFacts() {
    Pod stranger =
        new PodBuilder().withNewMetadata().withName("x").withNamespace("n").endMetadata().build();

    assertThat(PodFacts.from(stranger, NOW)).isEmpty();
  }

  private static GenericKubernetesResource resource(
      String apiVersion, String kind, String name, Map<String, Object> status) {
    GenericKubernetesResource resource =
        new GenericKubernetesResourceBuilder()
            .withApiVersion(apiVersion)
            .withKind(kind)
            .withNewMetadata()
            .withName(name)
            .withNamespace("spark-team-a")
            .withCreationTimestamp("2026-03-01T10:00:03Z")
            .addToLabels(LABELS)
            .addToLabels(RelayLabels.WORKFLOW, "taxi-abc")
            .addToLabels(RelayLabels.MANAGED_BY, RelayLabels.MANAGED_BY_VALUE)
            .endMetadata()
            .build();
    resource.setAdditionalProperty("status", status);
    return resource;
  }

  @Test
  void workflowsAndApplicationsSparkRelayDidNotMakeAreNotFacts() {
    GenericKubernetesResource workflow =
        resource("argoproj.io/v1alpha1", "Workflow", "taxi-abc", Map.of("phase", "Failed"));
    GenericKubernetesResource application =
        resource(
            "sparkoperator.k8s.io/v1beta2",
            "SparkApplication",
            "taxi-abc-spark",
            Map.of("applicationState", Map.of("state", "FAILED")));
    assertThat(WorkflowFacts.from(workflow, NOW)).isPresent();
    assertThat(ApplicationFacts.from(application, NOW)).isPresent();

    for (String managedBy : new String[] {null, "Helm", "someone-else"}) {
      workflow.getMetadata().getLabels().remove(RelayLabels.MANAGED_BY);
      application.getMetadata().getLabels().remove(RelayLabels.MANAGED_BY);
      if (managedBy != null) {
        workflow.getMetadata().getLabels().put(RelayLabels.MANAGED_BY, managedBy);
        application.getMetadata().getLabels().put(RelayLabels.MANAGED_BY, managedBy);
      }
      assertThat(WorkflowFacts.from(workflow, NOW)).as("managed-by %s", managedBy).isEmpty();
      assertThat(ApplicationFacts.from(application, NOW)).as("managed-by %s", managedBy).isEmpty();
    }
  }

  @Test
  void theOperatorsInitialEmptyStateMeansOnlySubmitted() {
    RunState run =
        ApplicationFacts.from(
                resource(
                    "sparkoperator.k8s.io/v1beta2",
                    "SparkApplication",
                    "taxi-abc-spark",
                    Map.of("applicationState", Map.of("state", ""))),
                NOW)
            .orElseThrow();

    assertThat(run.state()).isEqualTo(Stage.SPARK_SUBMITTED);
    assertThat(run.stages())
        .containsEntry(Stage.SPARK_SUBMITTED, Instant.parse("2026-03-01T10:00:03Z"));
    assertThat(run.workflow().name()).isEqualTo("taxi-abc");
  }

  @Test
  void aFailedApplicationEndsTheRunWithItsErrorMessageAndCountsItsExecutors() {
    RunState run =
        ApplicationFacts.from(
                resource(
                    "sparkoperator.k8s.io/v1beta2",
                    "SparkApplication",
                    "taxi-abc-spark",
                    Map.of(
                        "applicationState",
                        Map.of("state", "FAILED", "errorMessage", "driver container failed"),
                        "terminationTime",
                        "2026-03-01T10:01:00Z",
                        "executorState",
                        Map.of("exec-1", "COMPLETED", "exec-2", "FAILED"))),
                NOW)
            .orElseThrow();

    assertThat(run.state()).isEqualTo(Stage.FAILED);
    assertThat(run.stages()).containsEntry(Stage.FAILED, Instant.parse("2026-03-01T10:01:00Z"));
    assertThat(run.reason().orElseThrow().message()).isEqualTo("driver container failed");
    assertThat(run.executorCount()).isEqualTo(2);
    assertThat(run.executorFailures()).isEqualTo(1);
  }

  @Test
  void aCompletedApplicationCompletesTheRun() {
    RunState run =
        ApplicationFacts.from(
                resource(
                    "sparkoperator.k8s.io/v1beta2",
                    "SparkApplication",
                    "taxi-abc-spark",
                    Map.of(
                        "applicationState",
                        Map.of("state", "COMPLETED"),
                        "terminationTime",
                        "2026-03-01T10:01:00Z")),
                NOW)
            .orElseThrow();

    assertThat(run.state()).isEqualTo(Stage.COMPLETED);
  }

  @Test
  void aFailedWorkflowEndsTheRunWithItsMessage() {
    RunState run =
        WorkflowFacts.from(
                resource(
                    "argoproj.io/v1alpha1",
                    "Workflow",
                    "taxi-abc",
                    Map.of(
                        "phase",
                        "Failed",
                        "message",
                        "child 'submit-spark' failed",
                        "finishedAt",
                        "2026-03-01T10:00:09Z")),
                NOW)
            .orElseThrow();

    assertThat(run.state()).isEqualTo(Stage.FAILED);
    assertThat(run.reason().orElseThrow().reason()).isEqualTo("WorkflowFailed");
    assertThat(run.reason().orElseThrow().message()).isEqualTo("child 'submit-spark' failed");
    assertThat(run.stages())
        .containsEntry(Stage.WORKFLOW_CREATED, Instant.parse("2026-03-01T10:00:03Z"));
  }

  @Test
  void theLaunchersEventGivesTheReceivedTimeAndTheWorkflow() {
    byte[] event =
        EventCodec.encode(
            new EventCodec.Envelope(
                "run-1:workflow-created:taxi-abc",
                EventTypes.WORKFLOW_CREATED,
                Services.source(Services.WORKFLOW_LAUNCHER),
                "taxi-abc",
                Instant.parse("2026-03-01T10:00:01Z")),
            new WorkflowCreated(
                "run-1", "taxi", new ObjectRef("taxi-abc", "argo"), "2026-03-01T09:59:58Z"));

    RunState run = EventFacts.from(Subjects.WORKFLOW_CREATED, event, NOW, 1).orElseThrow();

    assertThat(run.stages())
        .containsEntry(Stage.RECEIVED, Instant.parse("2026-03-01T09:59:58Z"))
        .containsEntry(Stage.WORKFLOW_CREATED, Instant.parse("2026-03-01T10:00:01Z"));
    assertThat(run.trigger()).isEqualTo("taxi");
    assertThat(run.workflow().namespace()).isEqualTo("argo");
  }
}
