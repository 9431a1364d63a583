package io.sparkrelay.launcher;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sparkrelay.launcher.kube.UnfinishedWorkflows;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The launcher's counters and histograms, exported on {@code /q/metrics} as relay_launcher_*. */
@ApplicationScoped
public class LauncherMetrics {

  private final MeterRegistry registry;
  private final Counter consumed;
  private final Counter redeliveries;
  private final Counter matched;
  private final Counter filtered;
  private final Counter alreadyExisted;
  private final Counter deadLettered;
  private final Counter tooOld;
  private final Counter retried;
  private final Timer createLatency;
  private final Gauge unfinishedGauge;

  LauncherMetrics(MeterRegistry registry, UnfinishedWorkflows unfinished) {
    this.registry = registry;
    consumed = counter("relay.launcher.events.consumed", "Event deliveries taken from the stream");
    redeliveries =
        counter("relay.launcher.events.redeliveries", "Deliveries that were not the first");
    matched = counter("relay.launcher.events.matched", "Events matching at least one rule");
    filtered = counter("relay.launcher.events.filtered", "Events matching no rule (acked)");
    alreadyExisted =
        counter(
            "relay.launcher.workflows.already.existed",
            "Creates answered 409 by a Workflow of the same run");
    deadLettered =
        counter(
            "relay.launcher.events.dead.lettered", "Events sent to relay.dead.workflow-launcher");
    tooOld =
        counter(
            "relay.launcher.events.too.old",
            "Events dead-lettered as older than relay.consumer.max-event-age (a replay?)");
    retried =
        counter(
            "relay.launcher.events.retried", "Deliveries nak'ed with a delay (transient faults)");
    createLatency =
        Timer.builder("relay.launcher.create.latency")
            .description("Duration of a Workflow create call, 409 handling included")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
    unfinishedGauge =
        Gauge.builder("relay.launcher.workflows.unfinished", unfinished, UnfinishedWorkflows::count)
            .description("Spark Relay Workflows not yet Succeeded, Failed or Error")
            .register(registry);
  }

  /**
   * The gauge reads a bean of this application: it goes with it. A registry may outlive the
   * application (the tests start several in one JVM), and a gauge left behind would keep reading
   * the old bean, and stand in for the next application's under the same name.
   */
  @PreDestroy
  void removeGauge() {
    registry.remove(unfinishedGauge);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  public void consumed(long deliveries) {
    consumed.increment();
    if (deliveries > 1) {
      redeliveries.increment();
    }
  }

  public void matched() {
    matched.increment();
  }

  public void filtered() {
    filtered.increment();
  }

  public void created(String trigger) {
    Counter.builder("relay.launcher.workflows.created")
        .description("Workflows created")
        .tag("trigger", trigger)
        .register(registry)
        .increment();
  }

  public void alreadyExisted() {
    alreadyExisted.increment();
  }

  public void deadLettered() {
    deadLettered.increment();
  }

  public void tooOld() {
    tooOld.increment();
  }

  public void retried() {
    retried.increment();
  }

  public void createLatency(long nanos) {
    createLatency.record(Duration.ofNanos(nanos));
  }
}
