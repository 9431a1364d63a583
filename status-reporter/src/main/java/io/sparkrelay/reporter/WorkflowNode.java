package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One node of a run's Workflow as Argo reports it in {@code status.nodes}: a step of the DAG (a
 * container, the http step, a resource step), with its phase and times.
 */
@RegisterForReflection
public record WorkflowNode(
    String name, String type, String phase, Instant startedAt, Instant finishedAt) {

  WorkflowNode merge(WorkflowNode other) {
    return new WorkflowNode(
        Merging.firstNonNullMin(name, other.name),
        Merging.firstNonNullMin(type, other.type),
        Merging.byRank(phase, other.phase, WorkflowState::phaseRank),
        Merging.earliest(startedAt, other.startedAt),
        Merging.earliest(finishedAt, other.finishedAt));
  }
}
