package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart's alerts run through Prometheus' own promtool: the rendered PrometheusRule (default
 * values, the flag on) is written as a rules file, `promtool check rules` must accept it, and
 * `promtool test rules` runs the unit tests under src/test/resources/alerts (one file per alert:
 * input series that make it fire after its `for`, with its exact labels and annotations, and cases
 * where it stays quiet). An alert without both kinds of case fails the build.
 */
class AlertRulesPromtoolTest {

  private static final String RULES_FILE = "rules.yaml";

  @TempDir Path workDir;

  private static List<Map<String, Object>> groups(Map<String, String> sets) {
    Map<String, Object> rule =
        Manifests.parse(Helm.v4().template(ValuesFile.defaults(), sets))
            .named("PrometheusRule", "spark-relay");
    return asMaps(at(rule, "spec.groups"));
  }

  private static Set<String> alertNames(List<Map<String, Object>> groups) {
    Set<String> names = new TreeSet<>();
    for (Map<String, Object> group : groups) {
      for (Map<String, Object> rule : asMaps(group.get("rules"))) {
        if (rule.get("alert") != null) {
          names.add((String) rule.get("alert"));
        }
      }
    }
    return names;
  }

  /** The source folder itself, not its copy on the class path (where a deleted file lingers). */
  static Path unitTestDir() {
    return Project.repoDir().resolve("deploy/helm/src/test/resources/alerts");
  }

  private static List<Path> unitTestFiles() {
    try (Stream<Path> files = Files.list(unitTestDir())) {
      return files.filter(file -> file.toString().endsWith(".test.yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the unit tests say of each alert they name: whether a case fires it, one keeps it quiet.
   */
  record Coverage(Map<String, Boolean> fires, Map<String, Boolean> quiet) {

    static Coverage of(List<Path> testFiles) {
      Map<String, Boolean> fires = new TreeMap<>();
      Map<String, Boolean> quiet = new TreeMap<>();
      for (Path file : testFiles) {
        Map<String, Object> unitTests = read(file);
        for (Map<String, Object> test : asMaps(unitTests.get("tests"))) {
          for (Map<String, Object> check : asMaps(test.get("alert_rule_test"))) {
            String alert = (String) check.get("alertname");
            Object expected = check.get("exp_alerts");
            boolean firing = expected instanceof List<?> list && !list.isEmpty();
            fires.merge(alert, firing, Boolean::logicalOr);
            quiet.merge(alert, !firing, Boolean::logicalOr);
          }
        }
      }
      return new Coverage(fires, quiet);
    }

    /** The alerts of the rules lacking a firing case or a quiet one, and alerts no rule has. */
    List<String> gaps(Set<String> alerts) {
      List<String> gaps = new ArrayList<>();
      for (String alert : alerts) {
        if (!fires.getOrDefault(alert, false)) {
          gaps.add(alert + ": no case where it fires");
        }
        if (!quiet.getOrDefault(alert, false)) {
          gaps.add(alert + ": no case where it stays quiet");
        }
      }
      for (String named : fires.keySet()) {
        if (!alerts.contains(named)) {
          gaps.add(named + ": tested, but no rule of the chart has that alert");
        }
      }
      return gaps;
    }

    private static Map<String, Object> read(Path file) {
      try {
        return Manifests.asMap(new Yaml(new LoaderOptions()).load(Files.readString(file)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Test
  void promtoolAcceptsTheRenderedRules() {
    List<Map<String, Object>> groups = groups(enabled());
    Path rules = Promtool.writeRules(workDir.resolve(RULES_FILE), groups);

    CommandResult result = Promtool.find().checkRules(rules);

    assertThat(result.succeeded()).as("promtool check rules\n%s", result.describe()).isTrue();
    assertThat(result.stdout()).contains("SUCCESS: " + alertNames(groups).size() + " rules found");
  }

  @Test
  void everyAlertPassesItsPromtoolUnitTests() throws IOException {
    Promtool.writeRules(workDir.resolve(RULES_FILE), groups(enabled()));
    List<Path> copies = new ArrayList<>();
    for (Path file : unitTestFiles()) {
      copies.add(Files.copy(file, workDir.resolve(file.getFileName())));
    }

    CommandResult result = Promtool.find().testRules(workDir, copies);

    assertThat(copies).isNotEmpty();
    assertThat(result.succeeded()).as("promtool test rules\n%s", result.describe()).isTrue();
    assertThat(result.stdout()).doesNotContain("FAILED");
  }

  @Test
  void everyAlertOfTheChartHasACaseWhereItFiresAndOneWhereItStaysQuiet() {
    Set<String> alerts = alertNames(groups(enabled()));

    assertThat(alerts).hasSizeGreaterThanOrEqualTo(6);
    assertThat(Coverage.of(unitTestFiles()).gaps(alerts))
        .as("alerts not covered by src/test/resources/alerts/*.test.yaml")
        .isEmpty();
  }

  @Test
  void theCoverageCheckNoticesAnAlertWithoutTests() {
    Set<String> alerts =
        alertNames(
            groups(
                Map.of(
                    "prometheusRule.enabled", "true",
                    "prometheusRule.extraRules[0].alert", "MyOwnAlert",
                    "prometheusRule.extraRules[0].expr", "vector(1)")));

    assertThat(Coverage.of(unitTestFiles()).gaps(alerts))
        .containsExactly(
            "MyOwnAlert: no case where it fires", "MyOwnAlert: no case where it stays quiet");
  }

  private static Map<String, String> enabled() {
    return Map.of("prometheusRule.enabled", "true");
  }
}
