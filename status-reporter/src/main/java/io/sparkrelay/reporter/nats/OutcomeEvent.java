package io.sparkrelay.reporter.nats;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.TimelineEntry;
import java.util.List;

/** Data of the {@code relay.runs.completed} / {@code relay.runs.failed} events. */
@RegisterForReflection
public record OutcomeEvent(
    String runId,
    String state,
    String reason,
    String message,
    String trigger,
    Ref workflow,
    Ref application,
    Executors executors,
    Long durationMs,
    List<Step> timeline) {

  @RegisterForReflection
  public record Ref(String name, String namespace) {}

  @RegisterForReflection
  public record Executors(int count, int failures) {}

  @RegisterForReflection
  public record Step(String stage, String at, Long durationMs) {}

  public static OutcomeEvent of(RunState run) {
    var reason = run.reason();
    return new OutcomeEvent(
        run.runId(),
        run.state().name(),
        reason.map(r -> r.reason()).orElse(null),
        reason.map(r -> r.message()).orElse(null),
        run.trigger(),
        run.workflow() == null ? null : new Ref(run.workflow().name(), run.workflow().namespace()),
        run.application() == null
            ? null
            : new Ref(run.application().name(), run.application().namespace()),
        new Executors(run.executorCount(), run.executorFailures()),
        run.duration().map(d -> d.toMillis()).orElse(null),
        run.timeline().stream().map(OutcomeEvent::step).toList());
  }

  private static Step step(TimelineEntry entry) {
    return new Step(
        entry.stage().name(),
        entry.at().toString(),
        entry.duration() == null ? null : entry.duration().toMillis());
  }
}
