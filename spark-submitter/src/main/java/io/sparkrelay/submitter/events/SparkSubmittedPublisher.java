package io.sparkrelay.submitter.events;

import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.quarkus.logging.Log;
import io.sparkrelay.submitter.SubmitterMetrics;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Publishes spark-submitted events in the background, a few attempts each. The HTTP answer never
 * waits for NATS: the SparkApplication exists whatever happens to the event, and the reporter also
 * learns of it from its informer. An event given up on is counted and logged.
 */
@ApplicationScoped
public class SparkSubmittedPublisher {

  private final NatsConnection nats;
  private final SubmitterConfig.Nats config;
  private final SubmitterMetrics metrics;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("spark-submitted-publisher").daemon().unstarted(r));

  SparkSubmittedPublisher(NatsConnection nats, SubmitterConfig config, SubmitterMetrics metrics) {
    this.nats = nats;
    this.config = config.nats();
    this.metrics = metrics;
  }

  /** Queues {@code event}; returns at once. */
  public void publish(SparkSubmittedEvent event) {
    scheduler.execute(() -> attempt(event, 1));
  }

  private void attempt(SparkSubmittedEvent event, int attempt) {
    CompletableFuture<PublishAck> ack;
    try {
      ack =
          nats.jetStream()
              .publishAsync(
                  SparkSubmittedEvent.SUBJECT,
                  event.payload(),
                  PublishOptions.builder().messageId(event.id()).build());
    } catch (Exception e) {
      ack = CompletableFuture.failedFuture(e);
    }
    ack.orTimeout(config.publishTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (result, error) -> {
              if (error == null) {
                metrics.eventPublished(result.isDuplicate() ? "duplicate" : "published");
              } else if (attempt < config.publishAttempts() && retryLater(event, attempt)) {
                Log.debugf("event %s attempt %d: %s", event.id(), attempt, error.getMessage());
              } else {
                metrics.eventPublished("given-up");
                Log.warnf(
                    "event %s given up after %d attempts: %s",
                    event.id(), attempt, error.getMessage());
              }
            });
  }

  private boolean retryLater(SparkSubmittedEvent event, int attempt) {
    try {
      scheduler.schedule(
          () -> attempt(event, attempt + 1),
          config.publishRetryDelay().toMillis(),
          TimeUnit.MILLISECONDS);
      return true;
    } catch (RejectedExecutionException shuttingDown) {
      return false;
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    scheduler.shutdown();
    scheduler.awaitTermination(2, TimeUnit.SECONDS);
  }
}
