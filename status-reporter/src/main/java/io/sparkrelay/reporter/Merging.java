package io.sparkrelay.reporter;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * Small merge rules that are commutative, associative and idempotent, so that merged state never
 * depends on the order or the number of times facts arrive.
 */
final class Merging {

  private Merging() {}

  static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.isBefore(b) ? a : b;
  }

  /** The larger of two texts (null counts as smallest): a fixed pick when two values disagree. */
  static String max(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** The smaller of two non-null texts (null loses): a fixed pick when two names disagree. */
  static String firstNonNullMin(String a, String b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Union of two maps, values under the same key merged with {@code merge}. */
  static <V> Map<String, V> union(Map<String, V> a, Map<String, V> b, BinaryOperator<V> merge) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    Map<String, V> result = new HashMap<>(a);
    b.forEach((key, value) -> result.merge(key, value, merge));
    return sorted(result);
  }

  /** The value of higher rank; for equal ranks the larger text, so the pick is fixed. */
  static String byRank(String a, String b, java.util.function.ToIntFunction<String> rank) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int ra = rank.applyAsInt(a);
    int rb = rank.applyAsInt(b);
    if (ra != rb) {
      return ra > rb ? a : b;
    }
    return max(a, b);
  }

  static <V> Map<String, V> sorted(Map<String, V> map) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
