package io.sparkrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds a service README's configuration table to the service's {@code @ConfigMapping}: every key
 * the interface takes is in the table and nothing else, and each default the table gives is the
 * interface's {@code @WithDefault}. A key without a {@code @WithDefault} may say where its default
 * comes from (the contract, a derived value) in the table's default column.
 */
public final class ConfigDocumentation {

  /** A table row: {@code | `relay.x.y` | `default` | meaning |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\|\\s*`((?:relay|quarkus)\\.[^`]+)`\\s*\\|([^|]*)\\|", Pattern.MULTILINE);

  private ConfigDocumentation() {}

  /** Asserts that {@code readme}'s table documents {@code mapping} (under {@code prefix}). */
  public static void assertDocuments(Path readme, Class<?> mapping, String prefix) {
    Map<String, Optional<String>> keys = keys(mapping, prefix);
    Map<String, String> documented = documented(readme);
    assertThat(documented.keySet())
        .as("keys of %s's configuration table against %s", readme, mapping.getSimpleName())
        .containsExactlyInAnyOrderElementsOf(keys.keySet());
    keys.forEach(
        (key, byDefault) ->
            byDefault.ifPresent(
                value ->
                    assertThat(documented.get(key))
                        .as("default of %s in %s", key, readme)
                        .isEqualTo(value)));
  }

  /** Every key {@code mapping} takes, with its {@code @WithDefault} when it has one. */
  public static Map<String, Optional<String>> keys(Class<?> mapping, String prefix) {
    Map<String, Optional<String>> keys = new TreeMap<>();
    collect(mapping, prefix, keys);
    return keys;
  }

  private static void collect(Class<?> group, String prefix, Map<String, Optional<String>> keys) {
    for (Method method : group.getMethods()) {
      if (method.isDefault()
          || Modifier.isStatic(method.getModifiers())
          || method.getParameterCount() > 0) {
        continue;
      }
      String key =
          method.isAnnotationPresent(WithParentName.class) ? prefix : prefix + "." + name(method);
      Class<?> type = method.getReturnType();
      Type generic = method.getGenericReturnType();
      if (type == Optional.class) {
        Type inner = ((ParameterizedType) generic).getActualTypeArguments()[0];
        if (inner instanceof Class<?> c && isGroup(c)) {
          collect(c, key, keys);
          continue;
        }
      }
      if (Map.class.isAssignableFrom(type)) {
        Type value = ((ParameterizedType) generic).getActualTypeArguments()[1];
        if (value instanceof Class<?> c && isGroup(c)) {
          collect(c, key + ".<name>", keys);
        } else {
          keys.put(key + ".<name>", Optional.empty());
        }
        continue;
      }
      if (isGroup(type)) {
        collect(type, key, keys);
        continue;
      }
      WithDefault byDefault = method.getAnnotation(WithDefault.class);
      keys.put(key, Optional.ofNullable(byDefault).map(WithDefault::value));
    }
  }

  private static boolean isGroup(Class<?> type) {
    return type.isInterface()
        && !type.getName().startsWith("java.")
        && !type.isAnnotationPresent(FunctionalInterface.class);
  }

  private static String name(Method method) {
    WithName named = method.getAnnotation(WithName.class);
    if (named != null) {
      return named.value();
    }
    return method
        .getName()
        .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
        .toLowerCase(java.util.Locale.ROOT);
  }

  private static Map<String, String> documented(Path readme) {
    String text;
    try {
      text = Files.readString(readme);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> rows = new TreeMap<>();
    Matcher row = ROW.matcher(text);
    while (row.find()) {
      String cell = row.group(2).strip();
      String value =
          cell.startsWith("`") && cell.endsWith("`") && cell.length() >= 2
              ? cell.substring(1, cell.length() - 1)
              : cell;
      String previous = rows.put(row.group(1), value);
      assertThat(previous).as("%s is in %s's table once", row.group(1), readme).isNull();
    }
    return rows;
  }
}
