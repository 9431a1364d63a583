package io.sparkrelay.reporter.nats;

import io.sparkrelay.reporter.RunState;

/**
 * Where the consumer hands the facts an event tells (the tracker): the consumer depends on this,
 * not on the tracker, which itself stores through this package.
 */
public interface RunFactSink {

  /** Stores {@code facts}; false when they could not be stored yet (delivered again later). */
  boolean tryApply(RunState facts);
}
