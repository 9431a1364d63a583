package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * What the reporter knows of one driver or executor pod.
 *
 * @param role {@code driver} or {@code executor} (the {@code spark-role} label)
 * @param phase the pod phase, furthest seen
 * @param container the Spark container's state in words, e.g. {@code terminated: OOMKilled (exit
 *     code 137)}
 */
@RegisterForReflection
public record PodState(
    String name,
    String namespace,
    String role,
    String phase,
    String container,
    Instant startedAt,
    Instant finishedAt) {

  public static final String DRIVER = "driver";
  public static final String EXECUTOR = "executor";

  static int phaseRank(String phase) {
    return switch (phase) {
      case "Pending" -> 1;
      case "Running" -> 2;
      case "Succeeded" -> 3;
      case "Failed" -> 4;
      default -> 0;
    };
  }

  static int containerRank(String container) {
    if (container.startsWith("terminated")) {
      return 3;
    }
    if (container.startsWith("running")) {
      return 2;
    }
    return container.startsWith("waiting") ? 1 : 0;
  }

  PodState merge(PodState other) {
    return new PodState(
        name,
        Merging.firstNonNullMin(namespace, other.namespace),
        Merging.firstNonNullMin(role, other.role),
        Merging.byRank(phase, other.phase, PodState::phaseRank),
        Merging.byRank(container, other.container, PodState::containerRank),
        Merging.earliest(startedAt, other.startedAt),
        Merging.earliest(finishedAt, other.finishedAt));
  }
}
