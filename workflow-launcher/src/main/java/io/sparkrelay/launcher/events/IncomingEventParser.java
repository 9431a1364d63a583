package io.sparkrelay.launcher.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.RelayEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a structured-mode JSON CloudEvent into what the rules see. JSON data (declared so, or with
 * no content type) becomes a tree; other data becomes a text node.
 */
public final class IncomingEventParser {

  private static final JsonFormat FORMAT = new JsonFormat();
  private static final ObjectMapper JSON = new ObjectMapper();

  private IncomingEventParser() {}

  public static RelayEvent parse(byte[] body) throws EventRefusedException {
    CloudEvent event;
    try {
      event = FORMAT.deserialize(body);
    } catch (RuntimeException e) {
      throw new EventRefusedException(
          "not a CloudEvent in structured JSON mode: " + e.getMessage());
    }
    return new RelayEvent(
        event.getId(),
        event.getType(),
        event.getSource() == null ? null : event.getSource().toString(),
        event.getSubject(),
        event.getTime(),
        data(event));
  }

  private static JsonNode data(CloudEvent event) throws EventRefusedException {
    if (event.getData() == null) {
      return MissingNode.getInstance();
    }
    if (event.getData() instanceof JsonCloudEventData json) {
      // already parsed by the event format: toBytes() would write it out only to parse it again
      return json.getNode();
    }
    byte[] bytes = event.getData().toBytes();
    if (!isJson(event.getDataContentType())) {
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      throw new EventRefusedException(
          "data declared as " + event.getDataContentType() + " is not valid JSON");
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
