package io.sparkrelay.reporter.tracking;

import io.sparkrelay.reporter.RunState;
import java.time.Instant;

/**
 * The little the reporter keeps in memory per run, enough to list, search and count runs: the names
 * of its Workflow and SparkApplication are what people search by besides the MessageId.
 */
public record RunSummary(
    String runId,
    String state,
    String trigger,
    String reason,
    Instant firstSeen,
    boolean ended,
    Long durationMs,
    String workflow,
    String application) {

  static RunSummary of(RunState run) {
    return new RunSummary(
        run.runId(),
        run.state().name(),
        shared(run.trigger()),
        shared(run.reason().map(r -> r.reason()).orElse(null)),
        run.firstSeen(),
        run.ended(),
        run.duration().map(d -> d.toMillis()).orElse(null),
        run.workflow() == null ? null : run.workflow().name(),
        run.application() == null ? null : run.application().name());
  }

  /**
   * Triggers and reasons repeat across runs (a few rule names, a few dozen reason labels): one copy
   * each instead of one per run, which counts with 100,000 runs held.
   */
  private static String shared(String value) {
    return value == null ? null : value.intern();
  }

  /** Whether {@code text} is this run's MessageId, Workflow name or SparkApplication name. */
  boolean isNamed(String text) {
    return text.equals(runId) || text.equals(workflow) || text.equals(application);
  }
}
