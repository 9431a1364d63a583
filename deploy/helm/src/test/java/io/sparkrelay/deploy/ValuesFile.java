package io.sparkrelay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A way to render the chart: its default values, or one of the files under ci/. The defaults come
 * with {@code nats.allowInsecure=true}: without NATS credentials the chart refuses to render (see
 * ChartValuesTest), and the defaults give none.
 */
public record ValuesFile(String name, Path path, List<String> sets) {

  public ValuesFile(String name, Path path) {
    this(name, path, List.of());
  }

  public static ValuesFile defaults() {
    return new ValuesFile(
        "default values with nats.allowInsecure", null, List.of("nats.allowInsecure=true"));
  }

  /** The defaults and every ci/*-values.yaml, the set CI lints and renders. */
  public static List<ValuesFile> all() {
    List<ValuesFile> all = new ArrayList<>();
    all.add(defaults());
    try (Stream<Path> files = Files.list(Project.chartDir().resolve("ci"))) {
      files
          .filter(file -> file.getFileName().toString().endsWith("-values.yaml"))
          .sorted()
          .forEach(file -> all.add(new ValuesFile("ci/" + file.getFileName(), file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return all;
  }

  List<String> helmArguments() {
    List<String> arguments = new ArrayList<>();
    if (path != null) {
      arguments.addAll(List.of("--values", path.toString()));
    }
    sets.forEach(set -> arguments.addAll(List.of("--set", set)));
    return arguments;
  }

  @Override
  public String toString() {
    return name;
  }
}
