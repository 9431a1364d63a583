package io.sparkrelay.launcher.rules;

import java.util.Arrays;
import java.util.Optional;

/** CloudEvent attributes a parameter can be taken from ({@code fromEvent}). */
public enum EventAttribute {
  ID("id"),
  TYPE("type"),
  SOURCE("source"),
  SUBJECT("subject"),
  TIME("time");

  private final String key;

  EventAttribute(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }

  public static Optional<EventAttribute> byKey(String key) {
    return Arrays.stream(values()).filter(a -> a.key.equals(key)).findFirst();
  }

  public static String keys() {
    return String.join(", ", Arrays.stream(values()).map(EventAttribute::key).toList());
  }
}
