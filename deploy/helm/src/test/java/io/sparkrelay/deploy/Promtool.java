package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Prometheus' own promtool (Debian's package `prometheus`, 2.42), looked up as PROMTOOL_BIN, then
 * on the PATH, then /usr/bin/promtool. A missing binary fails the test with the way to get it.
 */
record Promtool(Path binary) {

  private static final String HOW_TO_GET =
      "apt-get install prometheus (Debian's package carries promtool; .ci/run installs it), or set"
          + " PROMTOOL_BIN to a promtool binary";

  static Promtool find() {
    Path binary =
        Optional.ofNullable(System.getenv("PROMTOOL_BIN"))
            .filter(value -> !value.isBlank())
            .map(Path::of)
            .or(() -> Commands.onPath("promtool"))
            .or(() -> Optional.of(Path.of("/usr/bin/promtool")).filter(Files::isExecutable))
            .orElseThrow(() -> new AssertionError("promtool not found: " + HOW_TO_GET));
    assertThat(binary).as("promtool at " + binary).isExecutable();
    return new Promtool(binary);
  }

  /** `promtool check rules FILE`: syntax, PromQL and templates of a rules file. */
  CommandResult checkRules(Path rulesFile) {
    return run(rulesFile.getParent(), List.of("check", "rules", rulesFile.toString()));
  }

  /**
   * `promtool test rules FILE...`, run where the test files are (their rule_files are relative).
   */
  CommandResult testRules(Path directory, List<Path> testFiles) {
    List<String> arguments = new ArrayList<>(List.of("test", "rules"));
    testFiles.forEach(file -> arguments.add(file.getFileName().toString()));
    return run(directory, arguments);
  }

  private CommandResult run(Path directory, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments);
    return Commands.run(command, directory, Map.of(), Duration.ofMinutes(2));
  }

  /** Writes Prometheus rule groups (a PrometheusRule's spec.groups) as a rules file. */
  static Path writeRules(Path file, List<?> groups) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setWidth(Integer.MAX_VALUE);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, new Yaml(options).dump(Map.of("groups", groups)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
