package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;

/** What the reporter knows of a run's Argo Workflow. */
@RegisterForReflection
public record WorkflowState(
    String name,
    String namespace,
    String phase,
    String message,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Map<String, WorkflowNode> nodes) {

  /** Nodes kept per Workflow: the template's steps, with room to spare, bounded. */
  public static final int MAX_NODES = 64;

  public WorkflowState {
    nodes = nodes == null ? Map.of() : Merging.sorted(nodes);
  }

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
        Merging.earliest(finishedAt, other.finishedAt),
        bounded(Merging.union(nodes, other.nodes, WorkflowNode::merge)));
  }

  private static Map<String, WorkflowNode> bounded(Map<String, WorkflowNode> nodes) {
    if (nodes.size() <= MAX_NODES) {
      return nodes;
    }
    Map<String, WorkflowNode> kept = new java.util.TreeMap<>();
    nodes.entrySet().stream().limit(MAX_NODES).forEach(e -> kept.put(e.getKey(), e.getValue()));
    return kept;
  }

  public static WorkflowState named(String name, String namespace) {
    return new WorkflowState(name, namespace, null, null, null, null, null, null);
  }
}
