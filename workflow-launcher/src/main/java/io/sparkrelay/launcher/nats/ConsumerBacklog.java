package io.sparkrelay.launcher.nats;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.ConsumerInfo;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.launcher.config.LauncherConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.List;

/**
 * The durable consumer's backlog, as the server counts it for all replicas together: {@code
 * relay_launcher_consumer_pending} (events in the stream not handed out yet) and {@code
 * relay_launcher_consumer_ack_pending} (handed out, not yet acknowledged). Read every {@code
 * relay.consumer.pending-refresh} (one consumer-info request); NaN until the first read, then the
 * last one while NATS does not answer (logged once per problem).
 */
@ApplicationScoped
public class ConsumerBacklog {

  private final NatsConnection bus;
  private final JetStreamSetup setup;
  private final String durable;
  private final MeterRegistry registry;
  private final List<Gauge> gauges;
  private volatile double pending = Double.NaN;
  private volatile double ackPending = Double.NaN;
  private volatile String lastProblem;

  ConsumerBacklog(
      NatsConnection bus, JetStreamSetup setup, LauncherConfig config, MeterRegistry registry) {
    this.bus = bus;
    this.setup = setup;
    this.durable = config.consumer().durableName();
    this.registry = registry;
    this.gauges =
        List.of(
            Gauge.builder("relay.launcher.consumer.pending", this, backlog -> backlog.pending)
                .description("Events the durable consumer has not handed out yet (all replicas)")
                .register(registry),
            Gauge.builder(
                    "relay.launcher.consumer.ack.pending", this, backlog -> backlog.ackPending)
                .description("Events handed out by the durable consumer and not yet acknowledged")
                .register(registry));
  }

  /** The gauges read this bean: they go with it (see LauncherMetrics#removeGauge). */
  @PreDestroy
  void removeGauges() {
    gauges.forEach(registry::remove);
  }

  @Scheduled(
      every = "${relay.consumer.pending-refresh}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    if (!bus.isConnected()) {
      return;
    }
    try {
      ConsumerInfo info = bus.management().getConsumerInfo(setup.eventsStream(), durable);
      pending = info.getNumPending();
      ackPending = info.getNumAckPending();
      lastProblem = null;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      String problem = String.valueOf(e.getMessage());
      if (!problem.equals(lastProblem)) {
        Log.warnf(
            "consumer %s backlog not read (the gauges keep their values): %s", durable, problem);
        lastProblem = problem;
      }
    }
  }
}
