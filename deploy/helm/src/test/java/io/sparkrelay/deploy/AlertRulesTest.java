package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMaps;
import static io.sparkrelay.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The optional PrometheusRule: there only when asked for, and alerting on metrics that exist. */
class AlertRulesTest {

  private static final List<String> SERVICES =
      List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter");
  private static final Pattern METRIC = Pattern.compile("relay_[a-z_]+");

  private static Manifests render(Map<String, String> sets) {
    return Manifests.parse(Helm.v4().template(ValuesFile.defaults(), sets));
  }

  private static List<Map<String, Object>> rules(Manifests manifests) {
    Map<String, Object> rule = manifests.named("PrometheusRule", "spark-relay");
    return asMaps(at(asMaps(at(rule, "spec.groups")).get(0), "rules"));
  }

  @Test
  void noRulesUnlessSwitchedOn() {
    assertThat(render(Map.of()).ofKind("PrometheusRule")).isEmpty();
  }

  @Test
  void theAlertsCarryTheConfiguredSeveritiesAndExtraRulesFollow() {
    List<Map<String, Object>> rules =
        rules(
            render(
                Map.of(
                    "prometheusRule.enabled", "true",
                    "prometheusRule.criticalSeverity", "page",
                    "prometheusRule.failedRunsRatio", "0.5",
                    "prometheusRule.extraRules[0].alert", "MyOwnAlert",
                    "prometheusRule.extraRules[0].expr", "vector(1)")));

    assertThat(rules)
        .extracting(r -> r.get("alert"))
        .containsExactly(
            "SparkRelayBridgeStalled",
            "SparkRelayEventsTooOld",
            "SparkRelayDeadLetters",
            "SparkRelayLauncherRetrying",
            "SparkRelaySubmitterUnavailable",
            "SparkRelayRunsFailing",
            "MyOwnAlert");
    assertThat(rules.subList(0, 2)).extracting(r -> at(r, "labels.severity")).containsOnly("page");
    assertThat(rules.subList(2, 6))
        .extracting(r -> at(r, "labels.severity"))
        .containsOnly("warning");
    assertThat((String) rules.get(5).get("expr")).endsWith("> 0.5");
  }

  @Test
  void everyMetricAnAlertReadsIsOneAServiceDocuments() throws IOException {
    StringBuilder documented = new StringBuilder();
    for (String service : SERVICES) {
      documented.append(Files.readString(Project.repoDir().resolve(service).resolve("README.md")));
    }
    Set<String> read = new TreeSet<>();
    for (Map<String, Object> rule : rules(render(Map.of("prometheusRule.enabled", "true")))) {
      Matcher metric = METRIC.matcher((String) rule.get("expr"));
      while (metric.find()) {
        read.add(metric.group());
      }
    }

    assertThat(read).hasSizeGreaterThanOrEqualTo(8);
    assertThat(read)
        .as("metrics the alerts read but no service README documents")
        .allSatisfy(name -> assertThat(documented.toString()).contains(name));
  }
}
