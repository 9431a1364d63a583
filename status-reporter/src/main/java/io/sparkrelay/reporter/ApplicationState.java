package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * What the reporter knows of a run's SparkApplication. {@code state} is the Spark Operator's {@code
 * status.applicationState.state}; it starts as the empty string.
 */
@RegisterForReflection
public record ApplicationState(
    String name,
    String namespace,
    String state,
    String errorMessage,
    String driverPod,
    Instant createdAt,
    Instant terminatedAt) {

  static int stateRank(String state) {
    return switch (state) {
      case "SUBMITTED", "PENDING_RERUN", "INVALIDATING", "SUBMISSION_FAILED" -> 1;
      case "RUNNING" -> 2;
      case "SUCCEEDING", "FAILING" -> 3;
      case "COMPLETED" -> 4;
      case "FAILED" -> 5;
      default -> 0;
    };
  }

  ApplicationState merge(ApplicationState other) {
    if (other == null) {
      return this;
    }
    if (!name.equals(other.name)) {
      return name.compareTo(other.name) <= 0 ? this : other;
    }
    return new ApplicationState(
        name,
        Merging.firstNonNullMin(namespace, other.namespace),
        Merging.byRank(state, other.state, ApplicationState::stateRank),
        Merging.max(errorMessage, other.errorMessage),
        Merging.firstNonNullMin(driverPod, other.driverPod),
        Merging.earliest(createdAt, other.createdAt),
        Merging.earliest(terminatedAt, other.terminatedAt));
  }

  public static ApplicationState named(String name, String namespace) {
    return new ApplicationState(name, namespace, null, null, null, null, null);
  }
}
