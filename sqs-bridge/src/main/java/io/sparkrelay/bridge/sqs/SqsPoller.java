package io.sparkrelay.bridge.sqs;

import io.quarkus.logging.Log;
import io.sparkrelay.bridge.BridgeMetrics;
import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.bridge.nats.EventStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * One long-poll loop. It receives only while the EventBus can take what it receives, and finishes
 * the batch in hand before it stops.
 */
final class SqsPoller implements Runnable {

  private static final Duration EVENT_BUS_WAIT = Duration.ofSeconds(1);

  private final SqsClient sqs;
  private final QueueTarget queue;
  private final EventStream eventStream;
  private final BatchForwarder forwarder;
  private final BridgeMetrics metrics;
  private final BridgeConfig.Sqs config;
  private final CountDownLatch stopRequested;

  SqsPoller(
      SqsClient sqs,
      QueueTarget queue,
      EventStream eventStream,
      BatchForwarder forwarder,
      BridgeMetrics metrics,
      BridgeConfig.Sqs config,
      CountDownLatch stopRequested) {
    this.sqs = sqs;
    this.queue = queue;
    this.eventStream = eventStream;
    this.forwarder = forwarder;
    this.metrics = metrics;
    this.config = config;
    this.stopRequested = stopRequested;
  }

  @Override
  public void run() {
    try {
      while (!stopping()) {
        if (!eventStream.awaitReady(EVENT_BUS_WAIT)) {
          continue;
        }
        List<Message> batch = receive();
        if (!batch.isEmpty()) {
          forwarder.forward(batch);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<Message> receive() throws InterruptedException {
    try {
      ReceiveMessageRequest request =
          ReceiveMessageRequest.builder()
              .queueUrl(queue.url())
              .maxNumberOfMessages(config.maxMessages())
              .waitTimeSeconds(config.waitTimeSeconds())
              .visibilityTimeout(config.visibilityTimeoutSeconds())
              .messageSystemAttributeNames(
                  MessageSystemAttributeName.SENT_TIMESTAMP,
                  MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)
              .messageAttributeNames("All")
              .build();
      List<Message> messages = sqs.receiveMessage(request).messages();
      return messages;
    } catch (RuntimeException e) {
      metrics.receiveFailure();
      Log.warnf("SQS receive failed, retrying in %s: %s", config.retryDelay(), e.getMessage());
      stopRequested.await(config.retryDelay().toMillis(), TimeUnit.MILLISECONDS);
      return List.of();
    }
  }

  private boolean stopping() {
    return stopRequested.getCount() == 0;
  }
}
