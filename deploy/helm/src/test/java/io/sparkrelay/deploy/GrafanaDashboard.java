package io.sparkrelay.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart's Grafana dashboard (spark-relay/files/dashboard.json) and its panel queries. For a
 * check against a running Prometheus, {@link Query#forPrometheus} gives each query with Grafana's
 * variables replaced; from a shell the same is {@code jq -r '.panels[] | select(.type != "row") |
 * .targets[].expr' files/dashboard.json} with {@code $__rate_interval} and {@code $namespace}
 * replaced likewise.
 */
record GrafanaDashboard(JsonNode json) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Path file() {
    return Project.chartDir().resolve("files/dashboard.json");
  }

  static GrafanaDashboard ofChart() {
    try {
      return parse(Files.readString(file()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static GrafanaDashboard parse(String text) {
    return new GrafanaDashboard(JSON.readTree(text));
  }

  /** One query of one panel. */
  record Query(String panel, String refId, String expr, String legend) {

    /**
     * The query as Prometheus takes it outside Grafana: {@code $__rate_interval} becomes the given
     * range (e.g. "1m", at least four scrape intervals) and {@code $namespace} every namespace.
     */
    String forPrometheus(String rateInterval) {
      return expr.replace("$__rate_interval", rateInterval)
          .replace("${namespace}", ".*")
          .replace("$namespace", ".*");
    }
  }

  /** The panels that show data (rows left out, the panels of collapsed rows included). */
  List<JsonNode> panels() {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : json.path("panels")) {
      if ("row".equals(panel.path("type").asString())) {
        panel.path("panels").forEach(panels::add);
      } else {
        panels.add(panel);
      }
    }
    return panels;
  }

  /** Every query of every panel, in the dashboard's order. */
  List<Query> queries() {
    List<Query> queries = new ArrayList<>();
    for (JsonNode panel : panels()) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(
            new Query(
                panel.path("title").asString(),
                target.path("refId").asString(),
                target.path("expr").asString(),
                target.path("legendFormat").asString()));
      }
    }
    return queries;
  }
}
