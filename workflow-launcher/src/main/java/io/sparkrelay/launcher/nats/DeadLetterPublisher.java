package io.sparkrelay.launcher.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.nats.client.JetStreamApiException;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.MessageIds;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.DeadLetter;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.contract.events.EventCodec.Envelope;
import io.sparkrelay.launcher.config.LauncherConfig;
import io.sparkrelay.launcher.rules.RefusalCause;
import io.sparkrelay.launcher.rules.RelayEvent;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Sends an event that can never become a Workflow to {@code relay.dead.workflow-launcher}, with the
 * cause, the reason and the original event, before the launcher terminates it. The status-reporter
 * reads it as the run's answer.
 */
@ApplicationScoped
public class DeadLetterPublisher {

  static final String SUBJECT = Subjects.deadLetters(Services.WORKFLOW_LAUNCHER);

  /** Characters of the original kept when the whole would not fit the server's max payload. */
  static final int EXCERPT = 1024;

  /** Room left in the max payload for the envelope and the other fields. */
  private static final int ENVELOPE_ROOM = 4096;

  private final NatsConnection nats;
  private final String stream;

  DeadLetterPublisher(NatsConnection nats, LauncherConfig config) {
    this.nats = nats;
    this.stream = config.nats().deadStream().name();
  }

  /**
   * @param receivedAt when the SQS message was sent, as far as known
   * @param event the event as read, or null when it could not be read
   * @param original the message as it came off the stream
   * @param redriveKey null, or the Idempotency-Key of the redrive that brought the event back
   */
  public void publish(
      String runId,
      RefusalCause cause,
      String reason,
      Instant receivedAt,
      RelayEvent event,
      byte[] original,
      String redriveKey)
      throws IOException, JetStreamApiException {
    DeadLetter letter =
        letter(runId, cause, reason, receivedAt, event, original, nats.maxPayload());
    deadLetterEvent(letter, redriveKey).publish(nats, stream);
  }

  static DeadLetter letter(
      String runId,
      RefusalCause cause,
      String reason,
      Instant receivedAt,
      RelayEvent event,
      byte[] original,
      long maxPayload) {
    String text = new String(original, StandardCharsets.UTF_8);
    boolean whole = original.length + ENVELOPE_ROOM <= maxPayload;
    String body = bodyOf(event);
    return new DeadLetter(
        Services.WORKFLOW_LAUNCHER,
        runId,
        cause.label(),
        reason,
        receivedAt == null ? null : receivedAt.toString(),
        body == null ? null : excerpt(body),
        whole ? originalAsJson(original, text) : TextNode.valueOf(excerpt(text)),
        original.length,
        !whole);
  }

  static OutgoingEvent deadLetterEvent(DeadLetter letter, String redriveKey) {
    String id = MessageIds.deadLetter(letter.runId(), Services.WORKFLOW_LAUNCHER, redriveKey);
    Envelope envelope =
        new Envelope(
            id,
            EventTypes.DEAD_LETTER,
            Services.source(Services.WORKFLOW_LAUNCHER),
            null,
            Instant.now());
    return new OutgoingEvent(SUBJECT, id, EventCodec.encode(envelope, letter));
  }

  /** The body as its sender wrote it: text as it is, JSON as compact JSON; null when none. */
  private static String bodyOf(RelayEvent event) {
    if (event == null || event.data().isMissingNode()) {
      return null;
    }
    return event.data().isTextual() && event.bodyError() != null
        ? event.data().asText()
        : event.data().toString();
  }

  /** The original as JSON when it is one strict JSON value, else as a string. */
  private static JsonNode originalAsJson(byte[] original, String text) {
    try {
      return IncomingEventParser.strictTree(original);
    } catch (IOException e) {
      return TextNode.valueOf(text);
    }
  }

  private static String excerpt(String text) {
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT);
  }
}
