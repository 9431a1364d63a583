package io.sparkrelay.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The panel queries of the chart's Grafana dashboard ({@code
 * deploy/helm/spark-relay/files/dashboard.json}) as Prometheus takes them outside Grafana: {@code
 * $__rate_interval} a given range, {@code $namespace} every namespace. The chart's own tests read
 * the file the same way (deploy/helm's GrafanaDashboard, in a module whose test classes this one
 * cannot use): panels, the panels of rows included, and each target's {@code expr}.
 */
final class DashboardQueries {

  /** One query of one panel, ready for Prometheus. */
  record Query(String panel, String refId, String promql) {}

  private DashboardQueries() {}

  static Path file() {
    return LocalChain.repositoryRoot().resolve("deploy/helm/spark-relay/files/dashboard.json");
  }

  /** Every query of every panel, in the dashboard's order. */
  static List<Query> of(Path dashboard, String rateInterval) throws IOException {
    JsonNode json = new ObjectMapper().readTree(dashboard.toFile());
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      if ("row".equals(panel.path("type").asText())) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        String expr =
            target
                .path("expr")
                .asText()
                .replace("$__rate_interval", rateInterval)
                .replace("${namespace}", ".*")
                .replace("$namespace", ".*");
        queries.add(new Query(panel.path("title").asText(), target.path("refId").asText(), expr));
      }
    }
    return queries;
  }
}
