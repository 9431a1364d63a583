package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
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
 * the event id (and so the run id), the body is the data, JSON when it parses and text otherwise.
 */
public final class SqsEventMapper {

  public static final String EVENT_TYPE = "io.spark-relay.sqs.message";

  /** Extension holding the SQS message attributes, as a JSON object of name to value. */
  public static final String ATTRIBUTES_EXTENSION = "sqsattributes";

  private static final JsonFormat FORMAT = new JsonFormat();

  private final ObjectMapper json;

  public SqsEventMapper(ObjectMapper json) {
    this.json = json;
  }

  public CloudEvent toCloudEvent(Message message, URI source) {
    byte[] body = message.body().getBytes(StandardCharsets.UTF_8);
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(message.messageId())
            .withSource(source)
            .withType(EVENT_TYPE)
            .withTime(sentTime(message));
    if (isJson(message.body())) {
      builder.withDataContentType("application/json").withData(body);
    } else {
      builder.withDataContentType("text/plain; charset=utf-8").withData(body);
    }
    if (message.hasMessageAttributes() && !message.messageAttributes().isEmpty()) {
      builder.withExtension(ATTRIBUTES_EXTENSION, attributesJson(message.messageAttributes()));
    }
    return builder.build();
  }

  /** Structured-mode JSON, as published on the stream. */
  public byte[] encode(CloudEvent event) {
    return FORMAT.serialize(event);
  }

  private boolean isJson(String body) {
    String trimmed = body.strip();
    if (trimmed.isEmpty()) {
      return false;
    }
    char first = trimmed.charAt(0);
    // a bare number or word also parses as JSON; only objects, arrays and strings count as a JSON
    // body
    if (first != '{' && first != '[' && first != '"') {
      return false;
    }
    try {
      json.readTree(trimmed);
      return true;
    } catch (JsonProcessingException e) {
      return false;
    }
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
