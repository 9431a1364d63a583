package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.sparkrelay.bridge.BridgeMetrics;
import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.bridge.nats.EventPublisher;
import io.sparkrelay.bridge.nats.OutboundEvent;
import io.sparkrelay.bridge.nats.PublishResult;
import io.sparkrelay.contract.MessageIds;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Hands one received batch to the stream and deletes from SQS exactly the messages JetStream
 * acknowledged. A message that was not acknowledged is left alone: SQS shows it again after the
 * visibility timeout, and its redrive policy moves it to the DLQ if that keeps happening. One that
 * can never be published is also announced as a dead letter, so the run has an answer.
 */
@ApplicationScoped
public class BatchForwarder {

  private final SqsClient sqs;
  private final QueueTarget queue;
  private final EventPublisher publisher;
  private final BridgeMetrics metrics;
  private final SqsEventMapper mapper;
  private final DeadLetterNotices deadLetters;

  BatchForwarder(
      SqsClient sqs,
      QueueTarget queue,
      EventPublisher publisher,
      BridgeMetrics metrics,
      ObjectMapper json,
      BridgeConfig config,
      DeadLetterNotices deadLetters) {
    this.sqs = sqs;
    this.queue = queue;
    this.publisher = publisher;
    this.metrics = metrics;
    this.mapper = new SqsEventMapper(json, new BodyClassifier(config.sqs().maxBodyNestingDepth()));
    this.deadLetters = deadLetters;
  }

  /** Publishes and deletes; returns how many messages were deleted. */
  public int forward(List<Message> batch) throws InterruptedException {
    metrics.received(batch.size());
    URI source = URI.create(queue.url());
    String subject = queue.subject();
    Instant now = Instant.now();
    List<OutboundEvent> events = new ArrayList<>(batch.size());
    for (Message message : batch) {
      recordAge(message, now);
      events.add(
          new OutboundEvent(
              MessageIds.sqsMessage(message.messageId()),
              subject,
              mapper.encode(mapper.toCloudEvent(message, source))));
    }
    List<PublishResult> results = publisher.publishAll(events);
    List<Message> acknowledged = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Message message = batch.get(i);
      PublishResult result = results.get(i);
      switch (result.outcome()) {
        case STORED -> metrics.published();
        case DUPLICATE -> metrics.duplicate();
        case FAILED -> {
          metrics.publishFailure(result.failureReason());
          Log.warnf(
              "message %s not published (%s: %s, %d bytes); left in SQS, receive count %s",
              message.messageId(),
              result.failureReason(),
              result.detail(),
              events.get(i).payload().length,
              receiveCount(message));
          if (PublishResult.PAYLOAD_TOO_LARGE.equals(result.failureReason())) {
            deadLetters.payloadTooLarge(message, events.get(i).payload().length);
          }
        }
      }
      if (result.outcome().acknowledged()) {
        acknowledged.add(message);
      }
    }
    return delete(acknowledged);
  }

  private int delete(List<Message> messages) {
    if (messages.isEmpty()) {
      return 0;
    }
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(messages.size());
    for (int i = 0; i < messages.size(); i++) {
      entries.add(
          DeleteMessageBatchRequestEntry.builder()
              .id(Integer.toString(i))
              .receiptHandle(messages.get(i).receiptHandle())
              .build());
    }
    try {
      DeleteMessageBatchResponse response =
          sqs.deleteMessageBatch(b -> b.queueUrl(queue.url()).entries(entries));
      int deleted = response.successful().size();
      metrics.deleted(deleted);
      if (response.hasFailed() && !response.failed().isEmpty()) {
        metrics.deleteFailures(response.failed().size());
        for (BatchResultErrorEntry failure : response.failed()) {
          // harmless for correctness: the message comes back and the stream drops the duplicate
          Log.warnf("delete failed for entry %s: %s", failure.id(), failure.message());
        }
      }
      return deleted;
    } catch (RuntimeException e) {
      metrics.deleteFailures(messages.size());
      Log.warnf("delete of %d acknowledged messages failed: %s", messages.size(), e.getMessage());
      return 0;
    }
  }

  private void recordAge(Message message, Instant now) {
    String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
    if (sent != null) {
      metrics.messageAge(Duration.between(Instant.ofEpochMilli(Long.parseLong(sent)), now));
    }
  }

  private static String receiveCount(Message message) {
    return message
        .attributes()
        .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "?");
  }
}
