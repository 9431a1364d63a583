package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** What the reporter knows of a run's Argo Workflow. */
@RegisterForReflection
public record WorkflowState(
    String name,
    String namespace,
    String phase,
    String message,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {

  static int phaseRank(String phase) {
    return switch (phase) {
      case "Pending" -> 1;
      case "Running" -> 2;
      case "Succeeded" -> 3;
      case "Failed" -> 4;
      case "Error" -> 5;
      default -> 0;
    };
  }

  WorkflowState merge(WorkflowState other) {
    if (other == null) {
      return this;
    }
    if (!name.equals(other.name)) {
      return name.compareTo(other.name) <= 0 ? this : other;
    }
    return new WorkflowState(
        name,
        Merging.firstNonNullMin(namespace, other.namespace),
        Merging.byRank(phase, other.phase, WorkflowState::phaseRank),
        Merging.max(message, other.message),
        Merging.earliest(createdAt, other.createdAt),
        Merging.earliest(startedAt, other.startedAt),
        Merging.earliest(finishedAt, other.finishedAt));
  }

  public static WorkflowState named(String name, String namespace) {
    return new WorkflowState(name, namespace, null, null, null, null, null);
  }
}
