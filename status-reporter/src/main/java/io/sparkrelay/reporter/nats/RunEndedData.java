package io.sparkrelay.reporter.nats;

import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.RunEnded;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.TimelineEntry;

/** A run as the contract's {@link RunEnded} tells it: the data of its end event. */
public final class RunEndedData {

  private RunEndedData() {}

  public static RunEnded of(RunState run) {
    var reason = run.reason();
    return new RunEnded(
        run.runId(),
        run.state().name(),
        reason.map(r -> r.reason()).orElse(null),
        reason.map(r -> r.message()).orElse(null),
        run.trigger(),
        run.workflow() == null
            ? null
            : new ObjectRef(run.workflow().name(), run.workflow().namespace()),
        run.application() == null
            ? null
            : new ObjectRef(run.application().name(), run.application().namespace()),
        new RunEnded.Executors(run.executorCount(), run.executorFailures()),
        run.duration().map(d -> d.toMillis()).orElse(null),
        run.timeline().stream().map(RunEndedData::step).toList());
  }

  private static RunEnded.Step step(TimelineEntry entry) {
    return new RunEnded.Step(
        entry.stage().name(),
        entry.at().toString(),
        entry.duration() == null ? null : entry.duration().toMillis());
  }
}
