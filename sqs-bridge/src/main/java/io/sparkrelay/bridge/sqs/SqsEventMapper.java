package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.MessageIds;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Turns an SQS message into the CloudEvent the rest of the chain relies on: the SQS MessageId is
 * the event id (and so the run id), the body is the data. Only what Jackson writes itself goes into
 * the envelope: a body that is exactly one JSON value is parsed and written out again, any other
 * body is written as a JSON string with the reason in {@code bodyerror}. So no body, however it is
 * crafted, can add or override an attribute of its own event.
 */
public final class SqsEventMapper {

  private static final String JSON_CONTENT_TYPE = "application/json";
  private static final String TEXT_CONTENT_TYPE = "text/plain; charset=utf-8";

  // text data as a JSON string ("data"), not base64, so it stays readable in `nats stream view`
  private static final JsonFormat FORMAT = new JsonFormat().withForceNonJsonDataToString();

  private final ObjectMapper json;
  private final BodyClassifier classifier;

  public SqsEventMapper(ObjectMapper json, BodyClassifier classifier) {
    this.json = json;
    this.classifier = classifier;
  }

  public CloudEvent toCloudEvent(Message message, URI source) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(MessageIds.sqsMessage(message.messageId()))
            .withSource(source)
            .withType(EventTypes.SQS_MESSAGE)
            .withTime(sentTime(message));
    switch (classifier.classify(message.body())) {
      case MessageBody.Json(JsonNode value) ->
          builder.withDataContentType(JSON_CONTENT_TYPE).withData(JsonCloudEventData.wrap(value));
      case MessageBody.NotJson(String reason) ->
          builder
              .withDataContentType(TEXT_CONTENT_TYPE)
              .withData(message.body().getBytes(StandardCharsets.UTF_8))
              .withExtension(EventTypes.BODY_ERROR_EXTENSION, reason);
    }
    if (message.hasMessageAttributes() && !message.messageAttributes().isEmpty()) {
      builder.withExtension(
          EventTypes.SQS_ATTRIBUTES_EXTENSION, attributesJson(message.messageAttributes()));
    }
    return builder.build();
  }

  /** Structured-mode JSON, as published on the stream. */
  public byte[] encode(CloudEvent event) {
    return FORMAT.serialize(event);
  }

  private static OffsetDateTime sentTime(Message message) {
    String sent =
        message.hasAttributes()
            ? message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)
            : null;
    Instant instant = sent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(sent));
    return instant.atOffset(ZoneOffset.UTC);
  }

  private String attributesJson(Map<String, MessageAttributeValue> attributes) {
    Map<String, String> values = new LinkedHashMap<>();
    attributes.forEach(
        (name, value) ->
            values.put(
                name,
                value.stringValue() != null
                    ? value.stringValue()
                    : value.binaryValue() == null
                        ? ""
                        : Base64.getEncoder().encodeToString(value.binaryValue().asByteArray())));
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode message attributes", e);
    }
  }
}
