package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.logging.Log;
import io.sparkrelay.bridge.BridgeMetrics;
import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.bridge.eventbus.EventBus;
import io.sparkrelay.bridge.eventbus.EventPublisher;
import io.sparkrelay.bridge.eventbus.OutboundEvent;
import io.sparkrelay.bridge.eventbus.PublishResult;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

  public static final String SUBJECT = "relay.dead." + DeadLetterNotice.SERVICE;
  static final String TYPE = "io.spark-relay.dead-letter";
  static final URI SOURCE = URI.create("spark-relay/" + DeadLetterNotice.SERVICE);

  private static final JsonFormat FORMAT = new JsonFormat();

  private final EventPublisher publisher;
  private final EventBus eventBus;
  private final BridgeMetrics metrics;
  private final BridgeConfig config;
  private final ObjectMapper json;

  DeadLetterNotices(
      EventPublisher publisher,
      EventBus eventBus,
      BridgeMetrics metrics,
      BridgeConfig config,
      ObjectMapper json) {
    this.publisher = publisher;
    this.eventBus = eventBus;
    this.metrics = metrics;
    this.config = config;
    this.json = json;
  }

  /** The message's CloudEvent, {@code eventBytes} long, is over the server's max payload. */
  public void payloadTooLarge(Message message, int eventBytes) throws InterruptedException {
    announce(
        message,
        PublishResult.PAYLOAD_TOO_LARGE,
        () -> DeadLetterNotice.payloadTooLarge(message, eventBytes, eventBus.maxPayload()));
  }

  private void announce(Message message, String cause, Supplier<DeadLetterNotice> notice)
      throws InterruptedException {
    String stream = config.nats().deadLetterStream();
    try {
      String id = id(message.messageId());
      byte[] payload = FORMAT.serialize(event(id, notice.get()));
      PublishResult result = publisher.publish(new OutboundEvent(id, SUBJECT, payload), stream);
      switch (result.outcome()) {
        case STORED -> {
          metrics.deadLetter(cause);
          Log.infof("message %s announced on %s (%s)", message.messageId(), SUBJECT, cause);
        }
        case DUPLICATE ->
            Log.debugf("message %s was announced on %s before", message.messageId(), SUBJECT);
        case FAILED ->
            failed(message, cause, stream, result.failureReason() + ": " + result.detail());
      }
    } catch (RuntimeException e) {
      failed(message, cause, stream, e.toString());
    }
  }

  static String id(String messageId) {
    return messageId + ":dead:" + DeadLetterNotice.SERVICE;
  }

  private CloudEvent event(String id, DeadLetterNotice notice) {
    return CloudEventBuilder.v1()
        .withId(id)
        .withSource(SOURCE)
        .withType(TYPE)
        .withTime(OffsetDateTime.now(ZoneOffset.UTC))
        .withDataContentType("application/json")
        .withData(JsonCloudEventData.wrap(json.valueToTree(notice)))
        .build();
  }

  private void failed(Message message, String cause, String stream, String detail) {
    metrics.deadLetterFailure(cause);
    Log.warnf(
        "dead-letter notice for message %s not published to %s in stream %s (%s); the message"
            + " still moves to the SQS dead-letter queue",
        message.messageId(), SUBJECT, stream, detail);
  }
}
