package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * A message a service set aside as a dead letter, as its sender would want to see it.
 *
 * @param service the service that dead-lettered it, e.g. {@code workflow-launcher}
 * @param cause short stable label, e.g. {@code body-not-object}, {@code payload-too-large}
 * @param reason what is wrong, for a person to act on
 * @param body the start of the message body as sent (at most {@link #MAX_BODY} characters)
 * @param bodyBytes the whole body's size, when known
 * @param bodyTruncated whether {@code body} is only the start
 * @param at when it was dead-lettered
 */
@RegisterForReflection
public record DeadLetter(
    String service,
    String cause,
    String reason,
    String body,
    Long bodyBytes,
    boolean bodyTruncated,
    Instant at,
    Long sequence) {

  /** Characters of a body kept per run: enough to recognise it, bounded for the bucket. */
  public static final int MAX_BODY = 1024;

  private static final Comparator<DeadLetter> FIXED_ORDER =
      Comparator.comparing(DeadLetter::service)
          .thenComparing(DeadLetter::cause)
          .thenComparing(DeadLetter::reason);

  public DeadLetter {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(reason, "reason");
    if (body != null && body.length() > MAX_BODY) {
      body = body.substring(0, MAX_BODY);
      bodyTruncated = true;
    }
  }

  /** Two services' dead letters of one message: the earlier, then a fixed pick. */
  DeadLetter merge(DeadLetter other) {
    if (other == null || equals(other)) {
      return this;
    }
    int byTime = Comparator.nullsLast(Comparator.<Instant>naturalOrder()).compare(at, other.at);
    if (byTime != 0) {
      return byTime < 0 ? this : other;
    }
    return FIXED_ORDER.compare(this, other) <= 0 ? this : other;
  }
}
