package io.sparkrelay.contract.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Every event on the bus as a structured JSON CloudEvent (spec 1.0) with {@code application/json}
 * data: one encoder for the producers, one decoder for the consumers. Unknown data fields are
 * ignored, so a producer may add a field before its consumers read it.
 */
public final class EventCodec {

  private static final String JSON_CONTENT_TYPE = "application/json";
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final JsonFormat FORMAT = new JsonFormat();

  private EventCodec() {}

  /**
   * The CloudEvent attributes of an event: id (also its Nats-Msg-Id), type, source, subject, time.
   */
  public record Envelope(String id, String type, URI source, String subject, Instant time) {}

  public static byte[] encode(Envelope envelope, Object data) {
    try {
      CloudEvent event =
          CloudEventBuilder.v1()
              .withId(envelope.id())
              .withSource(envelope.source())
              .withType(envelope.type())
              .withSubject(envelope.subject())
              .withTime(envelope.time().atOffset(ZoneOffset.UTC))
              .withDataContentType(JSON_CONTENT_TYPE)
              .withData(JSON.writeValueAsBytes(data))
              .build();
      return FORMAT.serialize(event);
    } catch (IOException e) {
      throw new UncheckedIOException("event data cannot be written as JSON", e);
    }
  }

  /**
   * The CloudEvent a message holds.
   *
   * @throws IllegalArgumentException when the message is not a structured JSON CloudEvent
   */
  public static CloudEvent decode(byte[] message) {
    try {
      return FORMAT.deserialize(message);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a structured JSON CloudEvent: " + e.getMessage(), e);
    }
  }

  /**
   * The event's data as {@code type}.
   *
   * @throws IllegalArgumentException when it has no data or the data is not a {@code type}
   */
  public static <T> T data(CloudEvent event, Class<T> type) {
    CloudEventData data = event.getData();
    if (data == null) {
      throw new IllegalArgumentException("event " + event.getId() + " has no data");
    }
    try {
      return JSON.readValue(data.toBytes(), type);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "event " + event.getId() + " data is not a " + type.getSimpleName(), e);
    }
  }
}
