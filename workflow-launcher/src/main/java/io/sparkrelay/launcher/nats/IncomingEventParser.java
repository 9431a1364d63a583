package io.sparkrelay.launcher.nats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.RefusalCause;
import io.sparkrelay.launcher.rules.RelayEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a structured-mode JSON CloudEvent into what the rules see, strictly: one JSON object with
 * no key twice and nothing after it, so that no envelope, however it was made, can carry a second
 * {@code id}, {@code type} or {@code source} that would win over the first. JSON data (declared so,
 * or with no content type) becomes a tree; other data becomes a text node.
 */
public final class IncomingEventParser {

  /** Deeper than any trigger rule reads; a deeper event is refused before it becomes a tree. */
  static final int MAX_NESTING_DEPTH = 128;

  private static final ObjectMapper STRICT =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .addModule(JsonFormat.getCloudEventJacksonModule())
          .build();

  private IncomingEventParser() {}

  public static RelayEvent parse(byte[] body) throws EventRefusedException {
    CloudEvent event;
    try {
      event = STRICT.readValue(body, CloudEvent.class);
    } catch (IOException | RuntimeException e) {
      throw new EventRefusedException(
          RefusalCause.INVALID_EVENT,
          "not a CloudEvent in structured JSON mode: " + JsonProblems.describe(e));
    }
    JsonNode data = data(event);
    Object bodyError = event.getExtension(EventTypes.BODY_ERROR_EXTENSION);
    if (bodyError == null && data.isTextual() && !isJson(event.getDataContentType())) {
      bodyError = "the body is text (" + event.getDataContentType() + "), not JSON";
    }
    return new RelayEvent(
        event.getId(),
        event.getType(),
        event.getSource() == null ? null : event.getSource().toString(),
        event.getSubject(),
        event.getTime(),
        data,
        bodyError == null ? null : bodyError.toString());
  }

  /** One JSON value read as strictly as an envelope is. */
  static JsonNode strictTree(byte[] json) throws IOException {
    return STRICT.readTree(json);
  }

  private static JsonNode data(CloudEvent event) throws EventRefusedException {
    if (event.getData() == null) {
      return MissingNode.getInstance();
    }
    if (event.getData() instanceof JsonCloudEventData json) {
      // already parsed (strictly) with the envelope
      return json.getNode();
    }
    byte[] bytes = event.getData().toBytes();
    if (!isJson(event.getDataContentType())) {
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
    try {
      return STRICT.readTree(bytes);
    } catch (IOException e) {
      throw new EventRefusedException(
          RefusalCause.INVALID_EVENT,
          "data declared as "
              + event.getDataContentType()
              + " is not valid JSON: "
              + JsonProblems.describe(e));
    }
  }

  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase();
    return type.equals("application/json") || type.endsWith("+json") || type.equals("text/json");
  }
}
