package io.sparkrelay.reporter;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A dead letter sent to the EventBus again: a second attempt of the same message, same run id.
 *
 * @param key the caller's Idempotency-Key: the same key again is the same redrive
 * @param by the name of the credential that asked for it
 * @param at when the event was published again
 */
@RegisterForReflection
public record Redrive(String key, String by, Instant at) {

  /** The same redrive seen twice: the earliest time, a fixed name. */
  Redrive merge(Redrive other) {
    return new Redrive(key, Merging.firstNonNullMin(by, other.by), Merging.earliest(at, other.at));
  }
}
