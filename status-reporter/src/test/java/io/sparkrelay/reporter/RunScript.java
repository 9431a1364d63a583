package io.sparkrelay.reporter;

import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The updates one run goes through, each an idempotent "put this object in this state" step, so a
 * test can play them in order, shuffled or repeated. Times are fixed so the expected timeline is
 * known: received T0, Workflow T0+1s, SparkApplication T0+3s, driver running T0+8s, end T0+60s.
 */
final class RunScript {

  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  final String runId;
  final String workflow;
  final String application;
  final String driver;
  private final Cluster cluster;
  private final RunEvents events;

  RunScript(String runId, Cluster cluster, RunEvents events) {
    this.runId = runId;
    this.workflow = "taxi-" + runId.substring(0, 8);
    this.application = workflow + "-spark";
    this.driver = application + "-driver";
    this.cluster = cluster;
    this.events = events;
  }

  static Instant at(int seconds) {
    return T0.plusSeconds(seconds);
  }

  /** A named step, so a failing test says which one. */
  record Step(String name, Runnable action) {
    void run() {
      action.run();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  // ---- the steps -------------------------------------------------------------------------

  Step workflowCreatedEvent() {
    return new Step(
        "workflow-created event", () -> events.workflowCreated(runId, workflow, at(0), at(1)));
  }

  Step sparkSubmittedEvent() {
    return new Step(
        "spark-submitted event", () -> events.sparkSubmitted(runId, workflow, application, at(3)));
  }

  Step workflow(String phase, String message, Integer finishedSecond) {
    Map<String, Object> status = new java.util.HashMap<>();
    status.put("phase", phase);
    status.put("startedAt", at(1).toString());
    if (message != null) {
      status.put("message", message);
    }
    if (finishedSecond != null) {
      status.put("finishedAt", at(finishedSecond).toString());
    }
    status.put("nodes", Map.of("big", Map.of("dropped", "by the informer cache")));
    return new Step("workflow " + phase, () -> cluster.workflow(runId, workflow, status));
  }

  Step application(
      String state, String error, Integer terminatedSecond, Map<String, String> executors) {
    Map<String, Object> applicationState = new java.util.HashMap<>();
    applicationState.put("state", state);
    if (error != null) {
      applicationState.put("errorMessage", error);
    }
    Map<String, Object> status = new java.util.HashMap<>();
    status.put("applicationState", applicationState);
    status.put("driverInfo", Map.of("podName", driver));
    if (terminatedSecond != null) {
      status.put("terminationTime", at(terminatedSecond).toString());
    }
    if (!executors.isEmpty()) {
      status.put("executorState", executors);
    }
    return new Step(
        "application " + (state.isEmpty() ? "\"\"" : state),
        () -> cluster.application(runId, application, workflow, status));
  }

  Step driverPod(String label, PodStatus status) {
    return new Step(
        "driver " + label, () -> cluster.pod(runId, driver, "driver", application, status));
  }

  Step executorPod(int n, String label, PodStatus status) {
    return new Step(
        "executor " + n + " " + label,
        () -> cluster.pod(runId, application + "-exec-" + n, "executor", application, status));
  }

  static PodStatus pending() {
    return new PodStatusBuilder().withPhase("Pending").build();
  }

  static PodStatus running(String container, int startedSecond) {
    return new PodStatusBuilder()
        .withPhase("Running")
        .addNewContainerStatus()
        .withName(container)
        .withImage("spark:3.5")
        .withNewState()
        .withNewRunning(at(startedSecond).toString())
        .endState()
        .endContainerStatus()
        .build();
  }

  static PodStatus terminated(
      String container,
      String phase,
      String reason,
      int exitCode,
      int startedSecond,
      int finishedSecond) {
    return new PodStatusBuilder()
        .withPhase(phase)
        .addNewContainerStatus()
        .withName(container)
        .withImage("spark:3.5")
        .withNewState()
        .withNewTerminated()
        .withReason(reason)
        .withExitCode(exitCode)
        .withStartedAt(at(startedSecond).toString())
        .withFinishedAt(at(finishedSecond).toString())
        .endTerminated()
        .endState()
        .endContainerStatus()
        .build();
  }

  static PodStatus waiting(String container, String reason, int sinceSecond) {
    return new PodStatusBuilder()
        .withPhase("Pending")
        .addNewCondition()
        .withType("ContainersReady")
        .withStatus("False")
        .withLastTransitionTime(at(sinceSecond).toString())
        .endCondition()
        .addNewContainerStatus()
        .withName(container)
        .withImage("registry.example/spark:nope")
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .withMessage("Back-off pulling image \"registry.example/spark:nope\"")
        .endWaiting()
        .endState()
        .endContainerStatus()
        .build();
  }

  static final String DRIVER = "spark-kubernetes-driver";
  static final String EXECUTOR = "spark-kubernetes-executor";

  /** Everything up to a running driver with two executors. */
  List<Step> untilRunning() {
    List<Step> steps = new ArrayList<>();
    steps.add(workflowCreatedEvent());
    steps.add(workflow("Running", null, null));
    steps.add(sparkSubmittedEvent());
    steps.add(application("", null, null, Map.of()));
    steps.add(application("SUBMITTED", null, null, Map.of()));
    steps.add(driverPod("pending", pending()));
    steps.add(driverPod("running", running(DRIVER, 8)));
    steps.add(executorPod(1, "running", running(EXECUTOR, 12)));
    steps.add(executorPod(2, "running", running(EXECUTOR, 12)));
    steps.add(
        application(
            "RUNNING",
            null,
            null,
            Map.of(application + "-exec-1", "RUNNING", application + "-exec-2", "RUNNING")));
    return steps;
  }

  /** From a running driver to COMPLETED at T0+60s. */
  List<Step> toCompletion() {
    return List.of(
        executorPod(1, "done", terminated(EXECUTOR, "Succeeded", "Completed", 0, 12, 58)),
        executorPod(2, "done", terminated(EXECUTOR, "Succeeded", "Completed", 0, 12, 58)),
        driverPod("succeeded", terminated(DRIVER, "Succeeded", "Completed", 0, 8, 59)),
        application(
            "COMPLETED",
            null,
            60,
            Map.of(application + "-exec-1", "COMPLETED", application + "-exec-2", "COMPLETED")),
        workflow("Succeeded", null, 61));
  }

  List<Step> successful() {
    List<Step> steps = new ArrayList<>(untilRunning());
    steps.addAll(toCompletion());
    return steps;
  }
}
