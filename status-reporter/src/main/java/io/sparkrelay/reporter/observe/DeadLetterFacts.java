package io.sparkrelay.reporter.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrelay.contract.events.DeadLetter;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a dead letter on {@code relay.dead.<service>} tells: which service set the message aside,
 * why, when it was received, and the start of its body. The cause {@code too-old} ends the run
 * TOO_OLD, any other DEAD_LETTERED.
 */
public final class DeadLetterFacts {

  static final String TOO_OLD = "too-old";

  private static final Pattern LABEL = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private DeadLetterFacts() {}

  /**
   * @param subject the subject it came on, {@code relay.dead.<service>}
   * @param at when it was dead-lettered (the CloudEvent time, else when the stream stored it)
   * @param data the dead letter, as the contract has it
   * @param sequence where the dead letter is in its stream (a redrive reads the original there)
   */
  public static Optional<RunState> from(
      String subject, Instant at, DeadLetter data, Long sequence) {
    if (data.runId() == null || data.runId().isBlank() || at == null) {
      return Optional.empty();
    }
    String service = label(subject.substring(subject.lastIndexOf('.') + 1));
    String cause = label(Objects.requireNonNullElse(data.cause(), ""));
    io.sparkrelay.reporter.DeadLetter deadLetter =
        new io.sparkrelay.reporter.DeadLetter(
            service,
            cause,
            Texts.bounded(Objects.requireNonNullElse(data.reason(), "no reason given")),
            body(data),
            (long) data.originalBytes(),
            data.originalTruncated(),
            at,
            sequence);
    return Optional.of(
        RunState.of(data.runId())
            .reached(Stage.RECEIVED, Fields.time(data.eventTime()))
            .withDeadLetter(deadLetter, TOO_OLD.equals(cause)));
  }

  /** The body as sent: the launcher's {@code body}, else an original kept as text. */
  private static String body(DeadLetter data) {
    if (data.body() != null) {
      return data.body();
    }
    JsonNode original = data.original();
    return original != null && original.isTextual() ? original.asText() : null;
  }

  private static String label(String value) {
    return LABEL.matcher(value).matches() ? value : RunEventFacts.OTHER;
  }
}
