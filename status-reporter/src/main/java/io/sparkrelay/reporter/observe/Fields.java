package io.sparkrelay.reporter.observe;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reading fields of untyped custom resources (nested maps) without a schema. */
final class Fields {

  private Fields() {}

  /** The value at {@code path} under {@code root}, or null when any step is missing. */
  static Object at(Object root, String... path) {
    Object current = root;
    for (String step : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return current;
  }

  static String text(Object root, String... path) {
    Object value = at(root, path);
    return value == null ? null : value.toString();
  }

  static Map<?, ?> map(Object root, String... path) {
    return at(root, path) instanceof Map<?, ?> map ? map : Map.of();
  }

  /**
   * An RFC 3339 timestamp (a Kubernetes one, or an event's), or null when absent or unreadable.
   * Seconds may be left out when they are zero, as Java's {@code OffsetDateTime.toString()} writes
   * them.
   */
  static Instant time(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static Instant time(Object root, String... path) {
    return time(text(root, path));
  }
}
