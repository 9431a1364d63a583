package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * One failure seen on one object of a run.
 *
 * @param kind what went wrong, ranks the failure
 * @param reason short label for users and metrics, e.g. {@code OOMKilled} or {@code exit code 1}
 * @param message what the object said, for a person to read
 * @param origin driver, executor, application or workflow
 * @param source the object, e.g. {@code pod/spark-team-a/taxi-1-spark-driver}
 * @param fatal whether this failure ends the run (an executor loss alone does not)
 * @param at when it happened (earliest seen)
 */
@RegisterForReflection
public record Failure(
    FailureKind kind,
    String reason,
    String message,
    Origin origin,
    String source,
    boolean fatal,
    Instant at) {

  /** Most telling first, then a fixed order so the choice never depends on arrival order. */
  public static final Comparator<Failure> MOST_TELLING_FIRST =
      Comparator.comparing(Failure::kind)
          .thenComparing(Failure::origin)
          .thenComparing(Failure::source)
          .thenComparing(Failure::reason)
          .thenComparing(f -> Objects.toString(f.message(), ""));

  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(source, "source");
  }

  /** Identity of this failure: one object, one reason. */
  String key() {
    return source + "#" + reason;
  }

  /** The same failure seen twice: fatal if either says so, earliest time, a fixed message. */
  Failure merge(Failure other) {
    return new Failure(
        kind,
        reason,
        Merging.max(message, other.message),
        origin,
        source,
        fatal || other.fatal,
        Merging.earliest(at, other.at));
  }
}
