package io.sparkrelay.reporter.observe;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.FailureKind;
import io.sparkrelay.reporter.Origin;
import io.sparkrelay.reporter.PodState;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Spark driver or executor pod tells about its run (once {@link Provenance} found it belongs
 * to a Spark Relay SparkApplication: this class reads, it does not judge): the driver's start, and
 * failures read from the container state (OOMKilled, image pull errors, a non-zero exit code) or
 * the pod (Evicted). A driver failure ends the run; an executor failure is counted and kept as a
 * possible reason.
 */
public final class PodFacts {

  private PodFacts() {}

  public static Optional<RunState> from(Pod pod, Instant now) {
    var metadata = pod.getMetadata();
    Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
    String runId = labels.get(RelayLabels.RUN_ID);
    String role = labels.get(RelayLabels.SPARK_ROLE);
    if (runId == null || runId.isBlank() || role == null) {
      return Optional.empty();
    }
    boolean driver = PodState.DRIVER.equals(role);
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    ContainerStatus container = sparkContainer(status.getContainerStatuses());
    String source = "pod/" + metadata.getNamespace() + "/" + metadata.getName();
    Instant fallback = fallbackTime(pod, now);

    Instant started = startedAt(container);
    ContainerStateTerminated terminated =
        container == null || container.getState() == null
            ? null
            : container.getState().getTerminated();
    Instant finished = terminated == null ? null : Fields.time(terminated.getFinishedAt());

    RunState run =
        RunState.of(runId)
            .withTrigger(labels.get(RelayLabels.TRIGGER))
            .withPod(
                new PodState(
                    metadata.getName(),
                    metadata.getNamespace(),
                    role,
                    WorkflowFacts.blankToNull(status.getPhase()),
                    describe(container),
                    started,
                    finished));
    String appName = labels.get(RelayLabels.SPARK_APP_NAME);
    if (appName != null && !appName.isBlank()) {
      run = run.withApplication(ApplicationState.named(appName, metadata.getNamespace()));
    }
    if (driver && started != null) {
      run = run.reached(Stage.DRIVER_RUNNING, started);
    }

    Failure failure = failure(status, container, driver, source, finished, fallback);
    if (failure != null) {
      run = run.withFailure(failure);
    }
    if (!driver) {
      run = run.withExecutor(metadata.getName(), executorState(status.getPhase(), failure));
    }
    return Optional.of(run);
  }

  private static Failure failure(
      PodStatus status,
      ContainerStatus container,
      boolean driver,
      String source,
      Instant finished,
      Instant fallback) {
    Origin origin = driver ? Origin.DRIVER : Origin.EXECUTOR;
    String who = (driver ? "driver" : "executor") + " " + source;
    if ("Evicted".equals(status.getReason())) {
      String message = Objects.toString(status.getMessage(), "pod evicted");
      return new Failure(
          FailureKind.EVICTED, "Evicted", who + ": " + message, origin, source, driver, fallback);
    }
    if (container != null && container.getState() != null) {
      ContainerStateTerminated terminated = container.getState().getTerminated();
      Instant at = finished != null ? finished : fallback;
      if (terminated != null && "OOMKilled".equals(terminated.getReason())) {
        return new Failure(
            FailureKind.OOM_KILLED,
            "OOMKilled",
            who + ": container " + container.getName() + " ran out of memory (OOMKilled)",
            origin,
            source,
            driver,
            at);
      }
      if (terminated != null && terminated.getExitCode() != null && terminated.getExitCode() != 0) {
        String reason = "exit code " + terminated.getExitCode();
        String detail = terminated.getMessage() != null ? ": " + terminated.getMessage() : "";
        return new Failure(
            FailureKind.EXIT_CODE,
            reason,
            who
                + ": container "
                + container.getName()
                + " exited with code "
                + terminated.getExitCode()
                + detail,
            origin,
            source,
            driver,
            at);
      }
      ContainerStateWaiting waiting = container.getState().getWaiting();
      if (waiting != null
          && ("ImagePullBackOff".equals(waiting.getReason())
              || "ErrImagePull".equals(waiting.getReason()))) {
        boolean backOff = "ImagePullBackOff".equals(waiting.getReason());
        return new Failure(
            backOff ? FailureKind.IMAGE_PULL_BACK_OFF : FailureKind.ERR_IMAGE_PULL,
            waiting.getReason(),
            who
                + ": image "
                + container.getImage()
                + " cannot be pulled"
                + (waiting.getMessage() != null ? ": " + waiting.getMessage() : ""),
            origin,
            source,
            driver,
            fallback);
      }
    }
    if ("Failed".equals(status.getPhase())) {
      return new Failure(
          FailureKind.POD_FAILED,
          "PodFailed",
          who + " failed" + (status.getMessage() != null ? ": " + status.getMessage() : ""),
          origin,
          source,
          driver,
          finished != null ? finished : fallback);
    }
    return null;
  }

  private static String executorState(String phase, Failure failure) {
    if (failure != null) {
      return RunState.EXECUTOR_FAILED;
    }
    return switch (phase == null ? "" : phase) {
      case "Running" -> "RUNNING";
      case "Succeeded" -> "COMPLETED";
      case "Failed" -> RunState.EXECUTOR_FAILED;
      default -> "PENDING";
    };
  }

  /** The Spark container (spark-kubernetes-driver/-executor), else the first one. */
  private static ContainerStatus sparkContainer(List<ContainerStatus> statuses) {
    if (statuses == null || statuses.isEmpty()) {
      return null;
    }
    return statuses.stream()
        .filter(s -> s.getName() != null && s.getName().startsWith("spark-kubernetes-"))
        .findFirst()
        .orElse(statuses.getFirst());
  }

  private static Instant startedAt(ContainerStatus container) {
    if (container == null || container.getState() == null) {
      return null;
    }
    if (container.getState().getRunning() != null) {
      return Fields.time(container.getState().getRunning().getStartedAt());
    }
    if (container.getState().getTerminated() != null) {
      return Fields.time(container.getState().getTerminated().getStartedAt());
    }
    return null;
  }

  private static String describe(ContainerStatus container) {
    if (container == null || container.getState() == null) {
      return null;
    }
    var state = container.getState();
    if (state.getTerminated() != null) {
      var t = state.getTerminated();
      return "terminated: "
          + Objects.toString(t.getReason(), "")
          + " (exit code "
          + t.getExitCode()
          + ")";
    }
    if (state.getRunning() != null) {
      return "running";
    }
    if (state.getWaiting() != null) {
      return "waiting: " + Objects.toString(state.getWaiting().getReason(), "");
    }
    return null;
  }

  /**
   * A time for failures whose state carries none (image pulls, evictions): the latest condition
   * change, else the pod's creation, so that seeing the same pod again gives the same time.
   */
  private static Instant fallbackTime(Pod pod, Instant now) {
    Instant latest = null;
    if (pod.getStatus() != null && pod.getStatus().getConditions() != null) {
      for (PodCondition condition : pod.getStatus().getConditions()) {
        Instant at = Fields.time(condition.getLastTransitionTime());
        if (at != null && (latest == null || at.isAfter(latest))) {
          latest = at;
        }
      }
    }
    if (latest == null) {
      latest = Fields.time(pod.getMetadata().getCreationTimestamp());
    }
    return latest != null ? latest : now;
  }
}
