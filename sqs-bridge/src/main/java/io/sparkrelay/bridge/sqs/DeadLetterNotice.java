package io.sparkrelay.bridge.sqs;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sparkrelay.bridge.eventbus.PublishResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The data of a dead-letter notice: which message the bridge cannot hand on and why, so the
 * status-reporter can answer for a run that never reaches the EventBus. The message itself stays in
 * SQS; {@code original} is only its beginning.
 *
 * @param runId the SQS MessageId
 * @param eventTime when the message was sent to SQS (ISO-8601), or null when SQS did not say
 * @param original the body's first {@value #ORIGINAL_CHARACTERS} characters
 * @param originalBytes the whole body's length in UTF-8
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DeadLetterNotice(
    String service,
    String runId,
    String cause,
    String reason,
    String eventTime,
    String original,
    int originalBytes,
    boolean originalTruncated) {

  public static final String SERVICE = "sqs-bridge";
  static final int ORIGINAL_CHARACTERS = 1024;

  /** For a message whose CloudEvent ({@code eventBytes} long) exceeds the server's max payload. */
  static DeadLetterNotice payloadTooLarge(Message message, int eventBytes, long maxPayload) {
    String reason =
        "the message is %d bytes as a CloudEvent, over the EventBus's max payload of %d bytes;"
                .formatted(eventBytes, maxPayload)
            + " it stays in SQS and moves to the queue's dead-letter queue after its"
            + " maxReceiveCount";
    String body = message.body();
    String original = Excerpt.first(body, ORIGINAL_CHARACTERS);
    return new DeadLetterNotice(
        SERVICE,
        message.messageId(),
        PublishResult.PAYLOAD_TOO_LARGE,
        reason,
        sentTime(message),
        original,
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
