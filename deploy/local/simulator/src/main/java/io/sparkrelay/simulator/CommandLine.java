package io.sparkrelay.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code --key value} and {@code --key=value} options, each may repeat; bare words are files. */
final class CommandLine {

  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  CommandLine(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        positional.add(arg);
        continue;
      }
      String key = arg.substring(2);
      String value;
      int equals = key.indexOf('=');
      if (equals >= 0) {
        value = key.substring(equals + 1);
        key = key.substring(0, equals);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        value = "true";
      }
      options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
  }

  boolean has(String key) {
    return options.containsKey(key);
  }

  Optional<String> value(String key) {
    List<String> values = options.get(key);
    return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  String value(String key, String fallback) {
    return value(key).orElse(fallback);
  }

  long number(String key, long fallback) {
    return value(key).map(Long::parseLong).orElse(fallback);
  }

  List<String> values(String key) {
    return options.getOrDefault(key, List.of());
  }

  List<String> positional() {
    return positional;
  }
}
