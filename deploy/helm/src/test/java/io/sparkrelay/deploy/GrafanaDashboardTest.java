package io.sparkrelay.deploy;

import static io.sparkrelay.deploy.Manifests.asMap;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Grafana dashboard: a ConfigMap with the sidecar's label only behind grafanaDashboard.enabled,
 * holding files/dashboard.json; every panel has a query, every query is PromQL promtool accepts,
 * and every metric a query reads is one the services export (see ExportedMetrics for the source).
 */
class GrafanaDashboardTest {

  @TempDir Path workDir;

  private static Manifests render(Map<String, String> sets) {
    return Manifests.parse(Helm.v4().template(ValuesFile.defaults(), sets));
  }

  private static List<Map<String, Object>> dashboards(Manifests manifests) {
    return manifests.ofKind("ConfigMap").stream()
        .filter(map -> "dashboard".equals(Manifests.component(map)))
        .toList();
  }

  @Test
  void noDashboardUnlessSwitchedOn() {
    Manifests manifests = render(Map.of());

    assertThat(dashboards(manifests)).isEmpty();
    assertThat(manifests.ofKind("ConfigMap"))
        .noneMatch(map -> Manifests.label(map, "grafana_dashboard") != null);
  }

  @Test
  void theConfigMapCarriesTheSidecarsLabelAndTheDashboardFile() throws IOException {
    Map<String, Object> configMap =
        render(Map.of("grafanaDashboard.enabled", "true"))
            .named("ConfigMap", "spark-relay-dashboard");

    assertThat(Manifests.label(configMap, "grafana_dashboard")).isEqualTo("1");
    assertThat(Manifests.namespace(configMap)).isEqualTo("spark-relay");
    assertThat(asMap(configMap.get("data")))
        .containsOnlyKeys("spark-relay.json")
        .containsEntry("spark-relay.json", Files.readString(GrafanaDashboard.file()).trim());
  }

  @Test
  void theLabelNamespaceAndAnnotationsComeFromTheValues() {
    Map<String, Object> configMap =
        render(
                Map.of(
                    "grafanaDashboard.enabled", "true",
                    "grafanaDashboard.label", "dashboards",
                    "grafanaDashboard.labelValue", "spark",
                    "grafanaDashboard.namespace", "monitoring",
                    "grafanaDashboard.annotations.grafana_folder", "Spark Relay"))
            .named("ConfigMap", "spark-relay-dashboard");

    assertThat(Manifests.label(configMap, "dashboards")).isEqualTo("spark");
    assertThat(Manifests.label(configMap, "grafana_dashboard")).isNull();
    assertThat(Manifests.namespace(configMap)).isEqualTo("monitoring");
    assertThat(Manifests.at(configMap, "metadata.annotations"))
        .isEqualTo(Map.of("grafana_folder", "Spark Relay"));
  }

  @Test
  void theDashboardParsesAndEveryPanelHasAQueryOnTheChosenDataSource() {
    GrafanaDashboard dashboard = GrafanaDashboard.ofChart();

    assertThat(dashboard.json().path("uid").asString()).isEqualTo("spark-relay");
    assertThat(dashboard.panels()).hasSizeGreaterThanOrEqualTo(12);
    for (JsonNode panel : dashboard.panels()) {
      String title = panel.path("title").asString();
      assertThat(title).isNotBlank();
      assertThat(panel.path("datasource").path("uid").asString())
          .as(title)
          .isEqualTo("${datasource}");
      List<String> refIds = new ArrayList<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asString()).as(title).isNotBlank();
        refIds.add(target.path("refId").asString());
      }
      assertThat(refIds).as("%s: its queries", title).isNotEmpty().doesNotHaveDuplicates();
    }
  }

  @Test
  void everyMetricAQueryReadsIsOneTheServicesExport() {
    Set<String> exported = ExportedMetrics.seriesNames();
    Set<String> read = new TreeSet<>();
    List<String> unknown = new ArrayList<>();
    for (GrafanaDashboard.Query query : GrafanaDashboard.ofChart().queries()) {
      for (String metric : PromQl.metricNames(query.expr())) {
        read.add(metric);
        if (!exported.contains(metric)) {
          unknown.add(query.panel() + " " + query.refId() + ": " + metric);
        }
      }
    }

    assertThat(unknown).as("metrics no service exports").isEmpty();
    assertThat(read)
        .as("what the issue asks to see")
        .contains(
            "relay_bridge_messages_received_total",
            "relay_launcher_workflows_created_total",
            "relay_bridge_message_age_seconds_bucket",
            "relay_reporter_stage_duration_seconds_bucket",
            "relay_reporter_runs_total",
            "relay_bridge_dead_letters_total",
            "relay_launcher_events_dead_lettered_total",
            "relay_submitter_admission_refusals_total");
  }

  @Test
  void theExportedListIsReadFromEveryServicesMeters() {
    Set<String> exported = ExportedMetrics.seriesNames();

    for (String service : ExportedMetrics.SERVICES) {
      assertThat(ExportedMetrics.meters())
          .as(service)
          .filteredOn(meter -> meter.service().equals(service))
          .hasSizeGreaterThanOrEqualTo(4);
    }
    assertThat(exported)
        .contains(
            "relay_bridge_eventbus_connected",
            "relay_launcher_workflows_already_existed_total",
            "relay_launcher_create_latency_seconds_bucket",
            "relay_bridge_batch_size_bucket",
            "relay_reporter_active_runs")
        .doesNotContain("relay_submitter_submissions_bucket", "relay_reporter_active_runs_total");
  }

  @Test
  void theMetricReaderFindsNamesAndOnlyNames() {
    assertThat(
            PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, stage) (rate(relay_a_bucket{namespace=~\"$namespace\","
                    + " stage!=\"x_y\"}[$__rate_interval]))) / ignoring(le) group_left"
                    + " sum(relay_b offset 5m) > bool 0 or on() vector(1) and relay_c:ratio"))
        .containsExactly("relay_a_bucket", "relay_b", "relay_c:ratio");
    assertThat(PromQl.metricNames("sum(rate(relay_bridge_messagez_total[5m])) by (reason)"))
        .containsExactly("relay_bridge_messagez_total")
        .doesNotContainAnyElementsOf(ExportedMetrics.seriesNames());
  }

  @Test
  void everyQueryIsPromQlPromtoolAccepts() {
    List<Map<String, Object>> rules = new ArrayList<>();
    int n = 0;
    for (GrafanaDashboard.Query query : GrafanaDashboard.ofChart().queries()) {
      rules.add(Map.of("record", "dashboard:query_" + n++, "expr", query.forPrometheus("1m")));
    }
    Path file =
        Promtool.writeRules(
            workDir.resolve("dashboard-queries.yaml"),
            List.of(Map.of("name", "dashboard", "rules", rules)));

    CommandResult result = Promtool.find().checkRules(file);

    assertThat(rules).hasSizeGreaterThanOrEqualTo(30);
    assertThat(result.succeeded()).as(result.describe()).isTrue();
  }
}
