package io.sparkrelay.bridge.sqs;

import io.quarkus.logging.Log;
import io.sparkrelay.bridge.BridgeMetrics;
import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.bridge.nats.EventPublisher;
import io.sparkrelay.bridge.nats.EventStream;
import io.sparkrelay.bridge.nats.OutboundEvent;
import io.sparkrelay.bridge.nats.PublishResult;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.MessageIds;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.DeadLetter;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.contract.events.EventCodec.Envelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Announces on {@code relay.dead.sqs-bridge} a message the bridge can never hand on, while the
 * message itself stays in SQS for the redrive policy. The notice is best effort: its stream belongs
 * to the workflow-launcher, and a notice that cannot be published is logged and counted but never
 * holds up the batch. Its id is derived from the MessageId, so a message received again is
 * announced once.
 */
@ApplicationScoped
public class DeadLetterNotices {

  static final String SUBJECT = Subjects.deadLetters(Services.SQS_BRIDGE);

  private final EventPublisher publisher;
  private final EventStream eventStream;
  private final BridgeMetrics metrics;
  private final String stream;

  DeadLetterNotices(
      EventPublisher publisher,
      EventStream eventStream,
      BridgeMetrics metrics,
      BridgeConfig config) {
    this.publisher = publisher;
    this.eventStream = eventStream;
    this.metrics = metrics;
    this.stream = config.nats().deadStream().name();
  }

  /** The message's CloudEvent, {@code eventBytes} long, is over the server's max payload. */
  public void payloadTooLarge(Message message, int eventBytes) throws InterruptedException {
    announce(
        message,
        PublishResult.PAYLOAD_TOO_LARGE,
        () -> DeadLetterNotice.payloadTooLarge(message, eventBytes, eventStream.maxPayload()));
  }

  private void announce(Message message, String cause, Supplier<DeadLetter> letter)
      throws InterruptedException {
    try {
      PublishResult result = publisher.publish(notice(message, letter.get()), stream);
      switch (result.outcome()) {
        case STORED -> {
          metrics.deadLetter(cause);
          Log.infof("message %s announced on %s (%s)", message.messageId(), SUBJECT, cause);
        }
        case DUPLICATE ->
            Log.debugf("message %s was announced on %s before", message.messageId(), SUBJECT);
        case FAILED -> failed(message, cause, result.failureReason() + ": " + result.detail());
      }
    } catch (RuntimeException e) {
      failed(message, cause, e.toString());
    }
  }

  /** The notice of {@code message} as it goes on the stream, written now. */
  static OutboundEvent notice(Message message, DeadLetter letter) {
    String id = MessageIds.deadLetter(message.messageId(), Services.SQS_BRIDGE, null);
    Envelope envelope =
        new Envelope(
            id, EventTypes.DEAD_LETTER, Services.source(Services.SQS_BRIDGE), null, Instant.now());
    return new OutboundEvent(id, SUBJECT, EventCodec.encode(envelope, letter));
  }

  private void failed(Message message, String cause, String detail) {
    metrics.deadLetterFailure(cause);
    Log.warnf(
        "dead-letter notice for message %s not published to %s in stream %s (%s); the message"
            + " still moves to the SQS dead-letter queue",
        message.messageId(), SUBJECT, stream, detail);
  }
}
