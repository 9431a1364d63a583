package io.sparkrelay.launcher.nats;

import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.launcher.config.LauncherConfig;
import io.sparkrelay.launcher.kube.UnfinishedWorkflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The durable pull consumer on the events stream. One dispatcher thread pulls only as many events
 * as there are idle workers, and none while the unfinished-Workflow limit is reached; a bounded
 * pool of workers processes them. Stopping ends the pulls and waits for the events in hand.
 */
@ApplicationScoped
public class EventConsumer {

  private static final Duration SETUP_RETRY = Duration.ofSeconds(1);

  private final NatsConnection bus;
  private final JetStreamSetup setup;
  private final EventHandler handler;
  private final UnfinishedWorkflows unfinished;
  private final LauncherConfig.Consumer config;
  private final int maxUnfinished;

  private volatile Run run;

  EventConsumer(
      NatsConnection bus,
      JetStreamSetup setup,
      EventHandler handler,
      UnfinishedWorkflows unfinished,
      LauncherConfig config) {
    this.bus = bus;
    this.setup = setup;
    this.handler = handler;
    this.unfinished = unfinished;
    this.config = config.consumer();
    this.maxUnfinished = config.limits().maxUnfinishedWorkflows();
  }

  void onStart(@Observes StartupEvent event) {
    unfinished.start();
    bus.open(); // in the background: the service starts without NATS
    start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  /** Starts pulling (again); no-op when running. */
  public synchronized void start() {
    if (run != null) {
      return;
    }
    run = new Run();
    Thread.ofPlatform().name("launcher-dispatcher").daemon().start(run::loop);
  }

  /** Stops pulling and waits for the events being processed to be settled. */
  public synchronized void stop() {
    Run current = run;
    run = null;
    if (current != null) {
      current.stop();
    }
  }

  /** The consumer exists and the last pull worked. */
  public boolean isReady() {
    Run current = run;
    return current != null && current.ready && bus.isConnected();
  }

  /** Events in the hands of workers right now. */
  public int inFlight() {
    Run current = run;
    return current == null ? 0 : current.inFlight.get();
  }

  /** One start-to-stop life of the consumer, so that a restart begins clean. */
  private final class Run {
    private final ExecutorService workers;
    private final Semaphore idleWorkers = new Semaphore(config.workers());
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile boolean ready;
    private long setUpForGeneration = -1;
    private String lastProblem;
    private ConsumerContext consumer;

    Run() {
      AtomicInteger counter = new AtomicInteger();
      workers =
          Executors.newFixedThreadPool(
              config.workers(),
              r ->
                  Thread.ofPlatform()
                      .name("launcher-worker-" + counter.incrementAndGet())
                      .daemon()
                      .unstarted(r));
    }

    void loop() {
      try {
        while (running) {
          try {
            pullOnce();
          } catch (InterruptedException e) {
            return;
          } catch (Exception e) {
            ready = false;
            setUpForGeneration = -1;
            if (!String.valueOf(e.getMessage()).equals(lastProblem)) {
              // once per distinct problem: a missing stream would otherwise log every second
              Log.warnf("consumer %s not usable yet: %s", config.durableName(), e.getMessage());
              lastProblem = String.valueOf(e.getMessage());
            }
            pause(SETUP_RETRY);
          }
        }
      } catch (InterruptedException e) {
        // stopping
      } finally {
        finished.countDown();
      }
    }

    private void pullOnce() throws Exception {
      if (!bus.awaitConnected(SETUP_RETRY)) {
        ready = false;
        return;
      }
      if (setUpForGeneration != bus.generation()) {
        long generation = bus.generation();
        setup.ensure(bus.management());
        consumer =
            bus.connection()
                .getStreamContext(setup.eventsStream())
                .getConsumerContext(config.durableName());
        setUpForGeneration = generation;
      }
      int room = roomUnderLimit();
      if (room <= 0) {
        unfinished.awaitChange(200); // at the limit: fetch nothing until Workflows finish
        return;
      }
      if (!idleWorkers.tryAcquire(500, TimeUnit.MILLISECONDS)) {
        return;
      }
      int wanted = 1 + drainUpTo(Math.min(config.batchSize(), room) - 1);
      int handedOut = 0;
      try (FetchConsumer fetch =
          consumer.fetch(
              FetchConsumeOptions.builder()
                  .maxMessages(wanted)
                  .expiresIn(Math.max(1000, config.fetchWait().toMillis()))
                  .build())) {
        ready = true;
        lastProblem = null;
        Message message;
        while (running && handedOut < wanted && (message = fetch.nextMessage()) != null) {
          dispatch(message);
          handedOut++;
        }
      } finally {
        idleWorkers.release(wanted - handedOut);
      }
    }

    /** Events that may still be taken: the limit less unfinished Workflows and events in hand. */
    private int roomUnderLimit() {
      if (maxUnfinished <= 0) {
        return Integer.MAX_VALUE;
      }
      return maxUnfinished - unfinished.count() - inFlight.get();
    }

    private int drainUpTo(int max) {
      int taken = 0;
      while (taken < max && idleWorkers.tryAcquire()) {
        taken++;
      }
      return taken;
    }

    private void dispatch(Message message) {
      inFlight.incrementAndGet();
      workers.execute(
          () -> {
            try {
              handler.handle(message);
            } catch (RuntimeException e) {
              Log.errorf(e, "unexpected failure; the event comes back after AckWait");
            } finally {
              inFlight.decrementAndGet();
              idleWorkers.release();
            }
          });
    }

    private void pause(Duration duration) throws InterruptedException {
      stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
      running = false;
      stopped.countDown();
      try {
        if (!finished.await(config.fetchWait().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
          Log.warn("dispatcher did not stop in time");
        }
        workers.shutdown();
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
          workers.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        workers.shutdownNow();
      }
      ready = false;
    }
  }
}
