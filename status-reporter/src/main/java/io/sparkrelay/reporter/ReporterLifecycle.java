package io.sparkrelay.reporter;

import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.kube.RunInformers;
import io.sparkrelay.reporter.nats.NatsLink;
import io.sparkrelay.reporter.nats.RunBucket;
import io.sparkrelay.reporter.nats.RunEventConsumer;
import io.sparkrelay.reporter.nats.RunsStreamProvisioner;
import io.sparkrelay.reporter.tracking.RunIndex;
import io.sparkrelay.reporter.tracking.RunTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;

/**
 * Starts and stops the reporter's moving parts. On every NATS (re)connect it sets up the stream,
 * the bucket, the bucket watch feeding the index and the event consumers, then hands the informers'
 * caches to the tracker again, so nothing seen while NATS was away is lost. {@link #stop()} and
 * {@link #start()} together behave like a restart of the process: only the bucket and the stream
 * keep what was known.
 */
@ApplicationScoped
public class ReporterLifecycle {

  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final NatsLink link;
  private final RunsStreamProvisioner stream;
  private final RunBucket bucket;
  private final RunIndex index;
  private final RunEventConsumer consumer;
  private final RunInformers informers;
  private final RunTracker tracker;
  private final Duration bucketMaxAge;
  private NatsKeyValueWatchSubscription bucketWatch;
  private Instant lastPrune = Instant.EPOCH;
  private volatile boolean running;
  private volatile boolean healing;

  ReporterLifecycle(
      NatsLink link,
      RunsStreamProvisioner stream,
      RunBucket bucket,
      RunIndex index,
      RunEventConsumer consumer,
      RunInformers informers,
      RunTracker tracker,
      ReporterConfig config) {
    this.bucketMaxAge = config.nats().bucket().maxAge();
    this.link = link;
    this.stream = stream;
    this.bucket = bucket;
    this.index = index;
    this.consumer = consumer;
    this.informers = informers;
    this.tracker = tracker;
  }

  void onStart(@Observes StartupEvent event) {
    // the NATS client's first connect blocks until a server answers: start without waiting for it
    Thread.ofPlatform().name("reporter-start").daemon().start(this::start);
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  public synchronized void start() {
    running = true;
    healing = false;
    // NATS first: its setup runs on its own thread while the informers make their first lists
    link.open(this::setUpNats);
    informers.start();
  }

  public synchronized void stop() {
    running = false;
    consumer.stop();
    stopBucketWatch();
    informers.stop();
    link.close();
    index.clear();
  }

  private void setUpNats() {
    if (!running || !link.isConnected()) {
      return;
    }
    try {
      stream.ensure(link.management());
      bucket.ensure();
      startBucketWatch();
      consumer.start();
      informers.resync();
      Log.info("NATS set up: stream, bucket, consumers; informers resynced");
      if (!healing) {
        healing = true;
        link.later(this::healMissedFacts, RETRY);
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
      Log.warnf("NATS not usable yet (%s); trying again in %s", e.getMessage(), RETRY);
      link.later(this::setUpNats, RETRY);
    }
  }

  /** Facts missed while the bucket was briefly unreachable are stored again from the caches. */
  private void healMissedFacts() {
    if (!running) {
      return;
    }
    if (informers.missedFacts() && link.isConnected()) {
      informers.resync();
    }
    if (link.isConnected()) {
      // the probes read these answers; asking the server here keeps a probe from waiting on it
      try {
        stream.refresh(link.management());
      } catch (Exception e) {
        Log.debugf("stream check: %s", e.getMessage());
      }
      bucket.refresh();
    }
    if (link.isConnected() && !consumer.readingDeadLetters()) {
      try {
        consumer.startDeadLetters();
      } catch (Exception e) {
        Log.debugf("dead letters not read yet: %s", e.getMessage());
      }
    }
    pruneExpiredRuns();
    link.later(this::healMissedFacts, RETRY);
  }

  /**
   * The bucket's max age removes old runs without telling its watchers: once a minute the index
   * drops the runs last stored longer ago than that, so its memory follows the bucket's.
   */
  private void pruneExpiredRuns() {
    Instant now = Instant.now();
    if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) < 0) {
      return;
    }
    lastPrune = now;
    int dropped = index.dropStoredBefore(now.minus(bucketMaxAge));
    if (dropped > 0) {
      Log.infof("%d runs older than the bucket's max age %s left the index", dropped, bucketMaxAge);
    }
  }

  /** Rebuilds the index from the bucket, and keeps it current; ended runs not yet announced are. */
  private synchronized void startBucketWatch() throws Exception {
    stopBucketWatch();
    bucketWatch =
        bucket.watch(
            (run, storedAt) -> {
              index.accept(run, storedAt);
              tracker.scheduleAnnouncement(run);
            },
            index::markReplayed);
  }

  private synchronized void stopBucketWatch() {
    if (bucketWatch != null) {
      try {
        bucketWatch.unsubscribe();
      } catch (RuntimeException e) {
        Log.debugf("bucket watch: %s", e.getMessage());
      }
      bucketWatch = null;
    }
  }
}
