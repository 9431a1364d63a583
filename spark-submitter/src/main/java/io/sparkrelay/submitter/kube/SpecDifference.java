package io.sparkrelay.submitter.kube;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Where a stored object's field tree first differs from the one this service would write: maps by
 * key (an absent key equals null), lists by position, numbers by value (an Integer and a Long of
 * the same value are equal). Used on {@code spec}, which holds the relay labels of the pods too.
 */
public final class SpecDifference {

  private SpecDifference() {}

  /** The path of the first difference below {@code path}, or empty when the trees are equal. */
  public static Optional<String> between(String path, Object wanted, Object actual) {
    if (wanted instanceof Map<?, ?> w && actual instanceof Map<?, ?> a) {
      TreeSet<String> keys = new TreeSet<>();
      w.keySet().forEach(key -> keys.add(String.valueOf(key)));
      a.keySet().forEach(key -> keys.add(String.valueOf(key)));
      for (String key : keys) {
        Optional<String> difference = between(path + "." + key, w.get(key), a.get(key));
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }
    if (wanted instanceof List<?> w && actual instanceof List<?> a) {
      if (w.size() != a.size()) {
        return Optional.of(path);
      }
      for (int i = 0; i < w.size(); i++) {
        Optional<String> difference = between(path + "[" + i + "]", w.get(i), a.get(i));
        if (difference.isPresent()) {
          return difference;
        }
      }
      return Optional.empty();
    }
    if (wanted instanceof Number w && actual instanceof Number a) {
      return new BigDecimal(w.toString()).compareTo(new BigDecimal(a.toString())) == 0
          ? Optional.empty()
          : Optional.of(path);
    }
    return Objects.equals(wanted, actual) ? Optional.empty() : Optional.of(path);
  }
}
