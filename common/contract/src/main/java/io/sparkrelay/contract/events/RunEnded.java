package io.sparkrelay.contract.events;

import java.util.List;

/**
 * A run reached its end ({@code relay.runs.<outcome>}, published once by the status-reporter): its
 * state, the reason and message of a failure, its objects and its timeline.
 */
public record RunEnded(
    String runId,
    String state,
    String reason,
    String message,
    String trigger,
    ObjectRef workflow,
    ObjectRef application,
    Executors executors,
    Long durationMs,
    List<Step> timeline) {

  /** How many executors the run had and how many of them failed. */
  public record Executors(int count, int failures) {}

  /** A stage of the run: when it was reached, and how long the run stayed in it. */
  public record Step(String stage, String at, Long durationMs) {}
}
