package io.sparkrelay.reporter.tracking;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;

/**
 * The reporter's metrics. Ended runs are counted by the replica whose write announced the end, so a
 * run is counted once however many replicas watch it.
 */
@ApplicationScoped
public class ReporterMetrics {

  private static final Duration[] BUCKETS = {
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1),
    Duration.ofHours(3)
  };

  private final MeterRegistry registry;
  private final Counter applyFailures;

  ReporterMetrics(MeterRegistry registry, RunIndex index) {
    this.registry = registry;
    Gauge.builder("relay.reporter.active.runs", index, RunIndex::activeRuns)
        .description("Runs seen and not ended yet")
        .register(registry);
    this.applyFailures =
        Counter.builder("relay.reporter.store.failures")
            .description(
                "Facts that could not be stored yet (stored again on resync or redelivery)")
            .register(registry);
  }

  /** Records an ended run: its outcome and reason, each stage's duration and the whole run's. */
  public void runEnded(RunState run) {
    String outcome = run.state().name().toLowerCase(Locale.ROOT);
    Counter.builder("relay.reporter.runs")
        .description("Ended runs by outcome and reason")
        .tag("outcome", outcome)
        .tag("reason", run.reason().map(r -> r.reason()).orElse("none"))
        .register(registry)
        .increment();
    for (TimelineEntry entry : run.timeline()) {
      if (entry.duration() != null) {
        stageTimer(entry.stage()).record(entry.duration());
      }
    }
    run.duration()
        .ifPresent(
            total ->
                Timer.builder("relay.reporter.run.duration")
                    .description("Time from the first stage seen to the end of a run")
                    .tag("outcome", outcome)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry)
                    .record(total));
  }

  public void storeFailed() {
    applyFailures.increment();
  }

  private Timer stageTimer(Stage stage) {
    return Timer.builder("relay.reporter.stage.duration")
        .description("Time a run spent in a stage before the next one")
        .tag("stage", stage.name().toLowerCase(Locale.ROOT))
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }
}
