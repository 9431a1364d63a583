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
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Sends an event that can never become a Workflow to {@code relay.dead.workflow-launcher}, with the
 * reason and the original event, before the launcher terminates it.
 */
@ApplicationScoped
public class DeadLetterPublisher {

  public static final String SERVICE = "workflow-launcher";
  public static final String SUBJECT = "relay.dead." + SERVICE;
  static final String TYPE = "io.spark-relay.dead-letter";

  private static final JsonFormat FORMAT = new JsonFormat();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBusConnection bus;

  DeadLetterPublisher(EventBusConnection bus) {
    this.bus = bus;
  }

  public void publish(String runId, String reason, byte[] original)
      throws IOException, JetStreamApiException {
    String id = runId + ":dead:" + SERVICE;
    ObjectNode data = JSON.createObjectNode();
    data.put("service", SERVICE);
    data.put("reason", reason);
    data.put("runId", runId);
    data.set("original", originalAsJson(original));
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

  /** The original as JSON when it is JSON, else as a string, so nothing is lost. */
  private static JsonNode originalAsJson(byte[] original) {
    try {
      JsonNode tree = JSON.readTree(original);
      if (tree != null && !tree.isMissingNode()) {
        return tree;
      }
    } catch (IOException e) {
      // not JSON: kept as text below
    }
    return TextNode.valueOf(new String(original, StandardCharsets.UTF_8));
  }
}
