package io.sparkrelay.launcher.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;

/**
 * What the rules see of an incoming CloudEvent: its attributes and its data as a JSON tree (a text
 * body is a text node; no data is a missing node).
 *
 * @param id the run id (the SQS MessageId)
 * @param bodyError why the bridge found the SQS body not to be one JSON value, or null
 */
public record RelayEvent(
    String id,
    String type,
    String source,
    String subject,
    OffsetDateTime time,
    JsonNode data,
    String bodyError) {

  public RelayEvent(
      String id, String type, String source, String subject, OffsetDateTime time, JsonNode data) {
    this(id, type, source, subject, time, data, null);
  }

  /** The named CloudEvent attribute as text, or null when the event does not carry it. */
  public String attribute(EventAttribute attribute) {
    return switch (attribute) {
      case ID -> id;
      case TYPE -> type;
      case SOURCE -> source;
      case SUBJECT -> subject;
      case TIME -> time == null ? null : time.toString();
    };
  }
}
