package io.sparkrelay.reporter.lifecycle;

import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.reporter.kube.RunInformers;
import io.sparkrelay.reporter.nats.RunBucket;
import io.sparkrelay.reporter.nats.RunEventConsumer;
import io.sparkrelay.reporter.nats.RunStream;
import io.sparkrelay.reporter.tracking.RunIndex;
import io.sparkrelay.reporter.tracking.RunTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

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

  private final NatsConnection nats;
  private final RunStream stream;
  private final RunBucket bucket;
  private final RunIndex index;
  private final RunEventConsumer consumer;
  private final RunInformers informers;
  private final RunTracker tracker;
  private NatsKeyValueWatchSubscription bucketWatch;
  private volatile boolean running;
  // NATS was set up once since the start: from then on the healing below has something to heal
  private volatile boolean setUp;

  ReporterLifecycle(
      NatsConnection nats,
      RunStream stream,
      RunBucket bucket,
      RunIndex index,
      RunEventConsumer consumer,
      RunInformers informers,
      RunTracker tracker) {
    this.nats = nats;
    this.stream = stream;
    this.bucket = bucket;
    this.index = index;
    this.consumer = consumer;
    this.informers = informers;
    this.tracker = tracker;
  }

  void onStart(@Observes StartupEvent event) {
    // the informers' first lists are not waited for either: start on a thread of its own
    Thread.ofPlatform().name("reporter-start").daemon().start(this::start);
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  public synchronized void start() {
    running = true;
    setUp = false;
    // NATS first: it connects in the background and sets up on its own thread while the informers
    // make their first lists
    nats.open(this::setUpNats);
    informers.start();
  }

  public synchronized void stop() {
    running = false;
    setUp = false;
    consumer.stop();
    stopBucketWatch();
    informers.stop();
    nats.close();
    index.clear();
  }

  private void setUpNats() {
    if (!running || !nats.isConnected()) {
      return;
    }
    try {
      stream.ensure();
      bucket.ensure();
      startBucketWatch();
      consumer.start();
      informers.resync();
      setUp = true;
      Log.info("NATS set up: stream, bucket, consumers; informers resynced");
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
      Log.warnf("NATS not usable yet (%s); trying again in %s", e.getMessage(), RETRY);
      nats.later(this::setUpNats, RETRY);
    }
  }

  /**
   * Every 2 s: facts missed while the bucket was briefly unreachable are stored again from the
   * caches, the presence of the stream and the bucket is asked (the probes read these answers, so a
   * probe never waits on the server), and the dead letters are read once RELAY_DEAD exists.
   */
  @Scheduled(every = "2s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void healMissedFacts() {
    if (!running || !setUp || !nats.isConnected()) {
      return;
    }
    if (informers.missedFacts()) {
      informers.resync();
    }
    stream.refresh();
    bucket.refresh();
    if (!consumer.readingDeadLetters()) {
      try {
        consumer.startDeadLetters();
      } catch (Exception e) {
        Log.debugf("dead letters not read yet: %s", e.getMessage());
      }
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
