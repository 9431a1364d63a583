package io.sparkrelay.standin.apiserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The object name a field selector pins, as kube reads it for authorization: {@code
 * fields.ParseSelector(s).RequiresExactMatch("metadata.name")}, kept only if it is a valid path
 * segment. A selector that does not parse pins nothing (kube then authorizes the plain list).
 */
final class NameFieldSelector {

  private static final String FIELD = "metadata.name";

  private NameFieldSelector() {}

  static Optional<String> requiredName(String selector) {
    if (selector == null || selector.isEmpty()) {
      return Optional.empty();
    }
    List<String> terms = new ArrayList<>(splitTerms(selector));
    terms.sort(null); // kube sorts the terms; the first exact match on the field wins
    String name = null;
    for (String term : terms) {
      if (term.isEmpty()) {
        continue;
      }
      Term parsed = Term.parse(term);
      if (parsed == null) {
        return Optional.empty();
      }
      String value = unescape(parsed.value());
      if (value == null) {
        return Optional.empty();
      }
      if (name == null && parsed.field().equals(FIELD) && !parsed.operator().equals("!=")) {
        name = value;
      }
    }
    return Optional.ofNullable(name).filter(NameFieldSelector::isValidPathSegment);
  }

  private record Term(String field, String operator, String value) {

    /** Splits at the first operator, trying {@code !=}, {@code ==}, {@code =} at each position. */
    static Term parse(String term) {
      for (int i = 0; i < term.length(); i++) {
        for (String op : List.of("!=", "==", "=")) {
          if (term.startsWith(op, i)) {
            return new Term(term.substring(0, i), op, term.substring(i + op.length()));
          }
        }
      }
      return null;
    }
  }

  /** Splits on commas that are not escaped with a backslash. */
  private static List<String> splitTerms(String selector) {
    List<String> terms = new ArrayList<>();
    int start = 0;
    boolean escaped = false;
    for (int i = 0; i < selector.length(); i++) {
      char c = selector.charAt(i);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',') {
        terms.add(selector.substring(start, i));
        start = i + 1;
      }
    }
    terms.add(selector.substring(start));
    return terms;
  }

  /** Undoes {@code \\}, {@code \,} and {@code \=}; null where kube refuses the value. */
  private static String unescape(String value) {
    StringBuilder out = new StringBuilder();
    boolean escaped = false;
    for (char c : value.toCharArray()) {
      if (escaped) {
        if (c != '\\' && c != ',' && c != '=') {
          return null;
        }
        out.append(c);
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == ',' || c == '=') {
        return null;
      } else {
        out.append(c);
      }
    }
    return escaped ? null : out.toString();
  }

  private static boolean isValidPathSegment(String name) {
    return !name.equals(".") && !name.equals("..") && !name.contains("/") && !name.contains("%");
  }
}
