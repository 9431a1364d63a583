package io.sparkrelay.submitter.nats;

import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.quarkus.logging.Log;
import io.sparkrelay.contract.events.ObjectRef;
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
 * Publishes run events in the background, a few attempts each. The HTTP answer never waits for
 * NATS, nor changes with it: the SparkApplication exists (or the refusal stands) whatever happens
 * to the event, and the reporter also learns of applications from its informer. An event given up
 * on is counted and logged.
 */
@ApplicationScoped
public class RunEventPublisher {

  private final RunStream stream;
  private final SubmitterConfig.Nats config;
  private final String workflowNamespace;
  private final SubmitterMetrics metrics;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().name("run-event-publisher").daemon().unstarted(r));

  RunEventPublisher(RunStream stream, SubmitterConfig config, SubmitterMetrics metrics) {
    this.stream = stream;
    this.config = config.nats();
    this.workflowNamespace = config.workflows().namespace();
    this.metrics = metrics;
  }

  /** The run's SparkApplication {@code namespace/name} exists (created now, or found again). */
  public void sparkSubmitted(String runId, String workflow, String name, String namespace) {
    publish(RunEvent.sparkSubmitted(runId, workflowRef(workflow), new ObjectRef(name, namespace)));
  }

  /** The run's Spark step was refused for good by {@code rule}. */
  public void sparkRefused(String runId, String workflow, String rule, String reason) {
    publish(RunEvent.sparkRefused(runId, workflowRef(workflow), rule, reason));
  }

  /** Requests come from the Workflows of relay.workflows.namespace, checked there. */
  private ObjectRef workflowRef(String workflow) {
    return new ObjectRef(workflow, workflowNamespace);
  }

  /** Queues {@code event}; returns at once and never throws. */
  void publish(RunEvent event) {
    try {
      scheduler.execute(() -> attempt(event, 1));
    } catch (RejectedExecutionException shuttingDown) {
      givenUp(event, 0, "the service is stopping");
    }
  }

  private void attempt(RunEvent event, int attempt) {
    CompletableFuture<PublishAck> ack;
    try {
      ack =
          stream
              .jetStream()
              .publishAsync(
                  event.kind().subject(),
                  event.payload(),
                  PublishOptions.builder().messageId(event.id()).build());
    } catch (Exception e) {
      ack = CompletableFuture.failedFuture(e);
    }
    ack.orTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (result, error) -> {
              if (error == null) {
                metrics.eventPublished(
                    event.kind().id(), result.isDuplicate() ? "duplicate" : "published");
              } else if (attempt < config.publishAttempts() && retryLater(event, attempt)) {
                Log.debugf("event %s attempt %d: %s", event.id(), attempt, error.getMessage());
              } else {
                givenUp(event, attempt, error.getMessage());
              }
            });
  }

  private void givenUp(RunEvent event, int attempts, String why) {
    metrics.eventPublished(event.kind().id(), "given-up");
    Log.warnf("event %s given up after %d attempts: %s", event.id(), attempts, why);
  }

  private boolean retryLater(RunEvent event, int attempt) {
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
