package io.sparkrelay.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.JetStreamProbe.StoredMessage;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The tests' side of JetStream: puts events into RELAY_EVENTS as the bridge would (creating the
 * stream as the bridge would, when it is missing) and reads what the launcher wrote.
 */
final class EventBusClient implements AutoCloseable {

  static final String EVENTS = "RELAY_EVENTS";
  static final String SUBJECT = "relay.events.sqs.spark-jobs";
  static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:spark-jobs";
  static final OffsetDateTime SENT = OffsetDateTime.parse("2026-11-21T09:00:00Z");

  private static final JsonFormat FORMAT = new JsonFormat();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final Connection connection;

  EventBusClient(String url) throws IOException, InterruptedException {
    this.url = url;
    this.connection =
        Nats.connect(
            Options.builder().server(url).connectionTimeout(Duration.ofSeconds(5)).build());
  }

  void ensureEventsStream() throws IOException, JetStreamApiException {
    JetStreamManagement jsm = connection.jetStreamManagement();
    if (!jsm.getStreamNames().contains(EVENTS)) {
      jsm.addStream(
          StreamConfiguration.builder()
              .name(EVENTS)
              .subjects("relay.events.>")
              .storageType(StorageType.File)
              .duplicateWindow(Duration.ofMinutes(2))
              .build());
    }
  }

  /** Publishes an SQS-bridge style CloudEvent with id {@code runId}, deduplicated by it. */
  void publish(String runId, String dataJson) throws IOException, JetStreamApiException {
    publish(runId, runId, dataJson);
  }

  /**
   * As {@link #publish(String, String)} with another Nats-Msg-Id: a second copy the stream keeps.
   */
  void publish(String runId, String messageId, String dataJson)
      throws IOException, JetStreamApiException {
    byte[] event =
        FORMAT.serialize(
            CloudEventBuilder.v1()
                .withId(runId)
                .withSource(URI.create(QUEUE_ARN))
                .withType("io.spark-relay.sqs.message")
                .withTime(SENT)
                .withDataContentType("application/json")
                .withData(dataJson.getBytes(StandardCharsets.UTF_8))
                .build());
    publishRaw(messageId, event);
  }

  /** An SQS-bridge style CloudEvent for a message body that was not JSON, and why not. */
  void publishText(String runId, String text, String bodyError)
      throws IOException, JetStreamApiException {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(runId)
            .withSource(URI.create(QUEUE_ARN))
            .withType("io.spark-relay.sqs.message")
            .withTime(SENT)
            .withDataContentType("text/plain; charset=utf-8")
            .withData(text.getBytes(StandardCharsets.UTF_8));
    if (bodyError != null) {
      builder.withExtension("bodyerror", bodyError);
    }
    publishRaw(runId, FORMAT.serialize(builder.build()));
  }

  void publishRaw(String messageId, byte[] body) throws IOException, JetStreamApiException {
    connection
        .jetStream()
        .publish(SUBJECT, body, PublishOptions.builder().messageId(messageId).build());
  }

  /** Nothing pending and nothing awaiting an ack on the launcher's durable consumer. */
  boolean consumerDrained() throws IOException, JetStreamApiException {
    ConsumerInfo info =
        connection.jetStreamManagement().getConsumerInfo(EVENTS, "workflow-launcher");
    return info.getNumPending() == 0 && info.getNumAckPending() == 0;
  }

  List<StoredMessage> deadLetters(String runId) {
    return new JetStreamProbe(url)
        .messages("RELAY_DEAD", "relay.dead.workflow-launcher").stream()
            .filter(m -> m.messageId().startsWith(runId + ":"))
            .toList();
  }

  List<StoredMessage> runEvents(String runId) {
    return new JetStreamProbe(url)
        .messages("RELAY_RUNS", "relay.runs.workflow-created").stream()
            .filter(m -> m.messageId().startsWith(runId + ":"))
            .toList();
  }

  List<StoredMessage> filteredEvents(String runId) {
    return new JetStreamProbe(url)
        .messages("RELAY_RUNS", "relay.runs.unmatched").stream()
            .filter(m -> m.messageId().startsWith(runId + ":"))
            .toList();
  }

  static JsonNode data(StoredMessage message) throws IOException {
    return JSON.readTree(message.data()).path("data");
  }

  @Override
  public void close() throws InterruptedException {
    connection.close();
  }
}
