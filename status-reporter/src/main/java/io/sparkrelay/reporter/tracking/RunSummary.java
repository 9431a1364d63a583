package io.sparkrelay.reporter.tracking;

import io.sparkrelay.reporter.RunState;
import java.time.Instant;

/** The little the reporter keeps in memory per run, enough to list and count runs. */
public record RunSummary(
    String runId, String state, String trigger, String reason, Instant firstSeen, boolean ended) {

  static RunSummary of(RunState run) {
    return new RunSummary(
        run.runId(),
        run.state().name(),
        run.trigger(),
        run.reason().map(r -> r.reason()).orElse(null),
        run.firstSeen(),
        run.ended());
  }
}
