package io.sparkrelay.launcher.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.sparkrelay.launcher.nats.EventBusConnection;
import io.sparkrelay.launcher.nats.StreamProvisioner;
import io.sparkrelay.launcher.rules.RefusalCause;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Sends an event that can never become a Workflow to {@code relay.dead.workflow-launcher}, with the
 * cause, the reason and the original event, before the launcher terminates it. The status-reporter
 * reads it as the run's answer.
 */
@ApplicationScoped
public class DeadLetterPublisher {

  public static final String SERVICE = "workflow-launcher";
  public static final String SUBJECT = "relay.dead." + SERVICE;
  static final String TYPE = "io.spark-relay.dead-letter";

  /** Characters of the original kept when the whole would not fit the server's max payload. */
  static final int EXCERPT = 1024;

  /** Room left in the max payload for the envelope and the other fields. */
  private static final int ENVELOPE_ROOM = 4096;

  private static final JsonFormat FORMAT = new JsonFormat();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBusConnection bus;

  DeadLetterPublisher(EventBusConnection bus) {
    this.bus = bus;
  }

  /**
   * @param receivedAt when the SQS message was sent, as far as known
   * @param body the SQS message body as the event carried it, or null when it could not be read
   * @param original the message as it came off the stream
   * @param attempt empty, or {@code ":redrive:<key>"} for a redriven event
   */
  public void publish(
      String runId,
      RefusalCause cause,
      String reason,
      Instant receivedAt,
      String body,
      byte[] original,
      String attempt)
      throws IOException, JetStreamApiException {
    String id = runId + ":dead:" + SERVICE + attempt;
    String text = new String(original, StandardCharsets.UTF_8);
    boolean whole = original.length + ENVELOPE_ROOM <= maxPayload();
    ObjectNode data = JSON.createObjectNode();
    data.put("service", SERVICE);
    data.put("runId", runId);
    data.put("cause", cause.label());
    data.put("reason", reason);
    data.put("eventTime", receivedAt == null ? null : receivedAt.toString());
    data.set("body", body == null ? null : excerpt(body));
    data.set("original", whole ? originalAsJson(original, text) : excerpt(text));
    data.put("originalBytes", original.length);
    data.put("originalTruncated", !whole);
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(RunEventPublisher.SOURCE)
            .withType(TYPE)
            .withTime(OffsetDateTime.now(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withData(JSON.writeValueAsBytes(data))
            .build();
    bus.jetStream()
        .publish(
            SUBJECT,
            FORMAT.serialize(event),
            PublishOptions.builder()
                .messageId(id)
                .expectedStream(StreamProvisioner.DEAD_STREAM)
                .build());
  }

  private long maxPayload() {
    var info = bus.connection() == null ? null : bus.connection().getServerInfo();
    return info == null ? Long.MAX_VALUE : info.getMaxPayload();
  }

  /** The original as JSON when it is one strict JSON value, else as a string. */
  private static JsonNode originalAsJson(byte[] original, String text) {
    try {
      return IncomingEventParser.strictTree(original);
    } catch (IOException e) {
      return TextNode.valueOf(text);
    }
  }

  private static JsonNode excerpt(String text) {
    return TextNode.valueOf(text.length() <= EXCERPT ? text : text.substring(0, EXCERPT));
  }
}
