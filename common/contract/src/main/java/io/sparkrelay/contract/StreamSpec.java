package io.sparkrelay.contract;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a JetStream stream of Spark Relay is: its name, the subjects it captures, file storage, what
 * it drops when full, the window in which a repeated message id is dropped, how long it keeps
 * messages and on how many servers.
 */
public record StreamSpec(
    String name,
    List<String> subjects,
    Discard discard,
    Duration duplicateWindow,
    Duration maxAge,
    int replicas) {

  /** What a full stream gives up: its oldest messages, or the new one (the publisher sees why). */
  public enum Discard {
    OLD,
    NEW
  }

  public StreamSpec {
    Objects.requireNonNull(name, "name");
    subjects = List.copyOf(subjects);
    Objects.requireNonNull(discard, "discard");
    Objects.requireNonNull(duplicateWindow, "duplicateWindow");
    Objects.requireNonNull(maxAge, "maxAge");
    if (replicas < 1 || replicas > 5) {
      throw new IllegalArgumentException("replicas must be 1 to 5, not " + replicas);
    }
  }

  public StreamSpec withName(String newName) {
    return new StreamSpec(newName, subjects, discard, duplicateWindow, maxAge, replicas);
  }

  public StreamSpec withDuplicateWindow(Duration window) {
    return new StreamSpec(name, subjects, discard, window, maxAge, replicas);
  }

  public StreamSpec withMaxAge(Duration age) {
    return new StreamSpec(name, subjects, discard, duplicateWindow, age, replicas);
  }

  public StreamSpec withReplicas(int count) {
    return new StreamSpec(name, subjects, discard, duplicateWindow, maxAge, count);
  }
}
