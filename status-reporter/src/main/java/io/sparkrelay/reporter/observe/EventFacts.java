package io.sparkrelay.reporter.observe;

import io.cloudevents.CloudEvent;
import io.sparkrelay.contract.events.DeadLetter;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.reporter.RunState;
import java.time.Instant;
import java.util.Optional;

/** What a message on RELAY_RUNS or RELAY_DEAD tells, read as the contract writes it. */
public final class EventFacts {

  // relay.dead.<service>: every service's dead letters (the rest are run events)
  private static final String DEAD_LETTER_PREFIX = "relay.dead.";

  private EventFacts() {}

  /**
   * The facts of {@code message}; empty when it names no run (or, but for a workflow-created or
   * spark-submitted event, has no time).
   *
   * @param subject the subject it came on
   * @param storedAt when the stream stored it: the time of an event that has none of its own
   * @param sequence where it is in its stream
   * @throws IllegalArgumentException when it is no CloudEvent of the contract
   */
  public static Optional<RunState> from(
      String subject, byte[] message, Instant storedAt, long sequence) {
    CloudEvent event = EventCodec.decode(message);
    Instant time = event.getTime() != null ? event.getTime().toInstant() : storedAt;
    return subject.startsWith(DEAD_LETTER_PREFIX)
        ? DeadLetterFacts.from(subject, time, EventCodec.data(event, DeadLetter.class), sequence)
        : RunEventFacts.from(subject, time, event);
  }
}
