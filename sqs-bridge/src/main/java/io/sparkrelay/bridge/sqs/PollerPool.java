package io.sparkrelay.bridge.sqs;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sparkrelay.bridge.BridgeMetrics;
import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.bridge.nats.EventStream;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Starts the configured number of pollers with the application and drains them on shutdown. */
@ApplicationScoped
public class PollerPool {

  private final BridgeConfig config;
  private final SqsClient sqs;
  private final QueueTarget queue;
  private final EventStream eventStream;
  private final BatchForwarder forwarder;
  private final BridgeMetrics metrics;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final List<SqsPoller> pollers = new ArrayList<>();
  private ExecutorService executor;

  PollerPool(
      BridgeConfig config,
      SqsClient sqs,
      QueueTarget queue,
      EventStream eventStream,
      BatchForwarder forwarder,
      BridgeMetrics metrics) {
    this.config = config;
    this.sqs = sqs;
    this.queue = queue;
    this.eventStream = eventStream;
    this.forwarder = forwarder;
    this.metrics = metrics;
  }

  void onStart(@Observes StartupEvent event) {
    eventStream.open();
    int count = config.sqs().pollers();
    executor =
        Executors.newFixedThreadPool(count, Thread.ofPlatform().name("sqs-poller-", 0).factory());
    for (int i = 0; i < count; i++) {
      SqsPoller poller =
          new SqsPoller(sqs, queue, eventStream, forwarder, metrics, config.sqs(), stopRequested);
      pollers.add(poller);
      executor.execute(poller);
    }
    Log.infof("%d pollers publishing to %s", count, queue.subject());
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    stopRequested.countDown();
    if (executor == null) {
      return;
    }
    executor.shutdown();
    if (!executor.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
      Log.warn("pollers did not finish in time; unfinished messages return after their timeout");
      executor.shutdownNow();
    }
  }
}
