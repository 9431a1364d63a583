package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.databind.node.TextNode;
import io.sparkrelay.bridge.nats.PublishResult;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.events.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The dead letter of a message the bridge cannot hand on and why, so the status-reporter can answer
 * for a run that never reaches the EventBus. The message itself stays in SQS; the letter's {@code
 * original} is only the body's first {@value #ORIGINAL_CHARACTERS} characters, its {@code
 * eventTime} when the message was sent to SQS (null when SQS did not say), and it has no {@code
 * body}: the bridge never read the message as an event.
 */
final class DeadLetterNotice {

  static final int ORIGINAL_CHARACTERS = 1024;

  private DeadLetterNotice() {}

  /** For a message whose CloudEvent ({@code eventBytes} long) exceeds the server's max payload. */
  static DeadLetter payloadTooLarge(Message message, int eventBytes, long maxPayload) {
    String reason =
        "the message is %d bytes as a CloudEvent, over the EventBus's max payload of %d bytes;"
                .formatted(eventBytes, maxPayload)
            + " it stays in SQS and moves to the queue's dead-letter queue after its"
            + " maxReceiveCount";
    String body = message.body();
    String original = Excerpt.first(body, ORIGINAL_CHARACTERS);
    return new DeadLetter(
        Services.SQS_BRIDGE,
        message.messageId(),
        PublishResult.PAYLOAD_TOO_LARGE,
        reason,
        sentTime(message),
        null,
        TextNode.valueOf(original),
        body.getBytes(StandardCharsets.UTF_8).length,
        original.length() < body.length());
  }

  private static String sentTime(Message message) {
    String sent =
        message.hasAttributes()
            ? message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)
            : null;
    return sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)).toString();
  }
}
