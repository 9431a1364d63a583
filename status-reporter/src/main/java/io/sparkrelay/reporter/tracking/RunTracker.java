package io.sparkrelay.reporter.tracking;

import io.nats.client.JetStreamApiException;
import io.quarkus.logging.Log;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.nats.OutcomePublisher;
import io.sparkrelay.reporter.nats.RunBucket;
import io.sparkrelay.reporter.nats.RunFactSink;
import io.sparkrelay.reporter.nats.StoredRun;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Merges a fact into the stored run: read, merge, write with a revision check, again on conflict.
 *
 * <p>A run seen ended is announced once {@code relay.announce-delay} has passed since a reporter
 * first saw it ended: the end event is published first, then the run is stored as announced. A
 * crash in between only repeats a publication that JetStream drops as a duplicate (same message
 * id), and the replica whose write records the announcement is the one that counts it in metrics.
 */
@ApplicationScoped
public class RunTracker implements RunFactSink {

  private static final int MAX_ATTEMPTS = 20;

  private final RunBucket bucket;
  private final OutcomePublisher publisher;
  private final ReporterMetrics metrics;
  private final Duration announceDelay;
  private final Clock clock = Clock.systemUTC();
  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService announcer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "run-announcer"));

  RunTracker(
      RunBucket bucket,
      OutcomePublisher publisher,
      ReporterMetrics metrics,
      ReporterConfig config) {
    this.bucket = bucket;
    this.publisher = publisher;
    this.metrics = metrics;
    this.announceDelay = config.announceDelay();
  }

  /** Stores {@code fact}; throws when the bucket cannot be reached (the caller retries later). */
  public RunState apply(RunState fact) throws IOException, JetStreamApiException {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<StoredRun> stored = bucket.get(fact.runId());
      RunState current = stored.map(StoredRun::state).orElseGet(() -> RunState.of(fact.runId()));
      RunState merged = current.merge(fact);
      if (merged.ended() && merged.endSeenAt() == null) {
        merged = merged.withEndSeenAt(clock.instant());
      }
      boolean announcing = merged.ended() && !merged.announcedThisAttempt() && due(merged);
      if (!announcing && stored.isPresent() && merged.equals(current)) {
        scheduleAnnouncement(current);
        return current;
      }
      if (announcing) {
        boolean fresh = publisher.publish(merged);
        merged = merged.withAnnounced(merged.outcome().orElseThrow());
        Log.infof(
            "run %s ended %s%s%s",
            merged.runId(),
            merged.state(),
            merged.reason().map(r -> " (" + r.reason() + ")").orElse(""),
            fresh ? "" : " [event already published]");
      }
      if (bucket.put(merged, stored.orElse(null))) {
        if (announcing) {
          metrics.runEnded(merged);
        }
        scheduleAnnouncement(merged);
        return merged;
      }
    }
    throw new IllegalStateException("run " + fact.runId() + " changed too often to be stored");
  }

  /** Stores {@code fact}, logging instead of throwing; false when it must be tried again later. */
  @Override
  public boolean tryApply(RunState fact) {
    try {
      apply(fact);
      return true;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      metrics.storeFailed();
      Log.debugf("run %s not stored yet: %s", fact.runId(), e.getMessage());
      return false;
    }
  }

  /**
   * For a run that ended and is not announced yet: looks at it again when the announcement is due
   * (also called for such runs found in the bucket at start-up).
   */
  public void scheduleAnnouncement(RunState run) {
    if (!run.ended()
        || run.announcedThisAttempt()
        || run.endSeenAt() == null
        || !pending.add(run.runId())) {
      return;
    }
    long wait = Duration.between(clock.instant(), dueAt(run)).toMillis() + 50;
    String runId = run.runId();
    announcer.schedule(
        () -> {
          pending.remove(runId);
          if (!tryApply(RunState.of(runId))) {
            announcer.schedule(() -> tryApply(RunState.of(runId)), 1, TimeUnit.SECONDS);
          }
        },
        Math.max(wait, 0),
        TimeUnit.MILLISECONDS);
  }

  private boolean due(RunState run) {
    return !clock.instant().isBefore(dueAt(run));
  }

  private Instant dueAt(RunState run) {
    return run.endSeenAt().plus(announceDelay);
  }

  public Optional<RunState> find(String runId) throws IOException, JetStreamApiException {
    return bucket.get(runId).map(StoredRun::state);
  }

  @PreDestroy
  void close() {
    announcer.shutdownNow();
  }
}
