package io.sparkrelay.reporter.rest;

import io.sparkrelay.contract.events.RunEnded;
import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.DeadLetter;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.PodState;
import io.sparkrelay.reporter.Redrive;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.WorkflowState;
import io.sparkrelay.reporter.nats.RunEndedData;
import java.util.List;

/** The answer of {@code GET /api/v1/runs/{runId}}: the timeline and every object of the run. */
public record RunDetails(
    String runId,
    String state,
    String trigger,
    String reason,
    String message,
    Long durationMs,
    List<RunEnded.Step> timeline,
    List<Failure> failures,
    WorkflowState workflow,
    ApplicationState application,
    List<PodState> pods,
    RunEnded.Executors executors,
    DeadLetter deadLetter,
    String announced,
    List<Redrive> redrives) {

  static RunDetails of(RunState run) {
    RunEnded view = RunEndedData.of(run);
    return new RunDetails(
        run.runId(),
        view.state(),
        run.trigger(),
        view.reason(),
        view.message(),
        view.durationMs(),
        view.timeline(),
        run.failures().values().stream().sorted(Failure.MOST_TELLING_FIRST).toList(),
        run.workflow(),
        run.application(),
        List.copyOf(run.pods().values()),
        view.executors(),
        run.deadLetter(),
        run.announced() == null ? null : run.announced().name(),
        run.redrives().values().stream()
            .sorted(java.util.Comparator.comparing(Redrive::at))
            .toList());
  }
}
