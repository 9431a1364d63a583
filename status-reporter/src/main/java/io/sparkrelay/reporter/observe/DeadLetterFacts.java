package io.sparkrelay.reporter.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrelay.reporter.DeadLetter;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a dead letter on {@code relay.dead.<service>} tells: which service set the message aside,
 * why, when it was received, and the start of its body. The cause {@code too-old} ends the run
 * TOO_OLD, any other DEAD_LETTERED.
 */
public final class DeadLetterFacts {

  public static final String SUBJECTS = "relay.dead.>";
  static final String TOO_OLD = "too-old";

  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private DeadLetterFacts() {}

  /**
   * @param subject the subject it came on, {@code relay.dead.<service>}
   * @param at when it was dead-lettered (the CloudEvent time, else when the stream stored it)
   * @param data the dead letter's data
   * @param sequence where the dead letter is in its stream (a redrive reads the original there)
   */
  public static Optional<RunState> from(String subject, Instant at, JsonNode data, Long sequence) {
    String runId = data.path("runId").asText("");
    if (runId.isBlank() || at == null) {
      return Optional.empty();
    }
    String service = label(subject.substring(subject.lastIndexOf('.') + 1));
    String cause = label(data.path("cause").asText(""));
    DeadLetter deadLetter =
        new DeadLetter(
            service,
            cause,
            Texts.bounded(data.path("reason").asText("no reason given")),
            body(data),
            data.path("originalBytes").canConvertToLong()
                ? data.path("originalBytes").asLong()
                : null,
            data.path("originalTruncated").asBoolean(false),
            at,
            sequence);
    return Optional.of(
        RunState.of(runId)
            .reached(Stage.RECEIVED, Fields.time(data.path("eventTime").asText(null)))
            .withDeadLetter(deadLetter, TOO_OLD.equals(cause)));
  }

  /** The body as sent: the launcher's {@code body}, else an original kept as text. */
  private static String body(JsonNode data) {
    JsonNode body = data.path("body");
    if (body.isTextual()) {
      return body.asText();
    }
    JsonNode original = data.path("original");
    return original.isTextual() ? original.asText() : null;
  }

  private static String label(String value) {
    return LABEL.matcher(value).matches() ? value : RunEventFacts.OTHER;
  }
}
