package io.sparkrelay.reporter;

/** Which object of a run a fact comes from; for equally telling failures the earlier one wins. */
public enum Origin {
  DRIVER,
  APPLICATION,
  EXECUTOR,
  WORKFLOW,
  EVENT,
  /** A Spark Relay service's own verdict: a dead letter, a refusal, no matching rule. */
  SERVICE
}
