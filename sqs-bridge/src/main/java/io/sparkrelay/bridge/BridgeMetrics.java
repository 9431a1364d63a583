package io.sparkrelay.bridge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The bridge's counters and histograms, exported on {@code /q/metrics} as {@code relay_bridge_*}.
 */
@ApplicationScoped
public class BridgeMetrics {

  private final MeterRegistry registry;
  private final Counter received;
  private final Counter published;
  private final Counter duplicates;
  private final Counter deleted;
  private final Counter deleteFailures;
  private final Counter receiveFailures;
  private final Timer messageAge;
  private final DistributionSummary batchSize;

  BridgeMetrics(MeterRegistry registry) {
    this.registry = registry;
    received = counter("relay.bridge.messages.received", "Messages received from SQS");
    published = counter("relay.bridge.messages.published", "Messages newly stored in the stream");
    duplicates =
        counter("relay.bridge.messages.duplicates", "Messages the stream already had (redelivery)");
    deleted = counter("relay.bridge.messages.deleted", "Messages deleted from SQS after their ack");
    deleteFailures =
        counter("relay.bridge.delete.failures", "Acknowledged messages SQS failed to delete");
    receiveFailures = counter("relay.bridge.receive.failures", "Failed SQS receive calls");
    messageAge =
        Timer.builder("relay.bridge.message.age")
            .description("Time from SQS SentTimestamp to receipt by the bridge")
            .publishPercentileHistogram()
            .maximumExpectedValue(Duration.ofHours(1))
            .register(registry);
    batchSize =
        DistributionSummary.builder("relay.bridge.batch.size")
            .description("Messages per SQS receive")
            .serviceLevelObjectives(1, 2, 5, 10)
            .register(registry);
  }

  private Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }

  public void received(int count) {
    received.increment(count);
    batchSize.record(count);
  }

  public void messageAge(Duration age) {
    messageAge.record(age.isNegative() ? Duration.ZERO : age);
  }

  public void published() {
    published.increment();
  }

  public void duplicate() {
    duplicates.increment();
  }

  public void deleted(int count) {
    deleted.increment(count);
  }

  public void deleteFailures(int count) {
    deleteFailures.increment(count);
  }

  public void receiveFailure() {
    receiveFailures.increment();
  }

  /** A message the stream did not take; {@code reason} is a short, bounded tag. */
  public void publishFailure(String reason) {
    Counter.builder("relay.bridge.publish.failures")
        .description("Messages not published (left in SQS for redelivery or the DLQ)")
        .tag("reason", reason)
        .register(registry)
        .increment();
  }

  /** A dead-letter notice newly stored on {@code relay.dead.sqs-bridge}: one per message. */
  public void deadLetter(String cause) {
    Counter.builder("relay.bridge.dead.letters")
        .description("Messages announced as dead letters (they stay in SQS for its DLQ)")
        .tag("cause", cause)
        .register(registry)
        .increment();
  }

  /** A dead-letter notice that could not be published (stream missing, refused, no answer). */
  public void deadLetterFailure(String cause) {
    Counter.builder("relay.bridge.dead.letter.failures")
        .description("Dead-letter notices not published; the message still goes to the SQS DLQ")
        .tag("cause", cause)
        .register(registry)
        .increment();
  }
}
