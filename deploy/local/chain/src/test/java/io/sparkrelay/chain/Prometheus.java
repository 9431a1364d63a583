package io.sparkrelay.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The HTTP API of run.sh's Prometheus ({@code --prometheus}, PROMETHEUS_URL of the ready file). */
final class Prometheus {

  /** An alert as {@code /api/v1/alerts} lists it: pending (its {@code for} not over) or firing. */
  record Alert(String name, String state, Map<String, String> labels) {}

  /** A rule's alert as {@code /api/v1/rules} has it, with its {@code for} in seconds. */
  record AlertRule(String name, double forSeconds, String health) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Prometheus(String url) {
    this.url = url;
  }

  /** An instant query's answer ({@code data}), or the error Prometheus gave as an exception. */
  JsonNode query(String promql) throws IOException, InterruptedException {
    JsonNode answer =
        get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    if (!"success".equals(answer.path("status").asText())) {
      throw new IOException(
          answer.path("errorType").asText() + ": " + answer.path("error").asText());
    }
    return answer.path("data");
  }

  /** The alerts pending or firing now. */
  List<Alert> alerts() throws IOException, InterruptedException {
    List<Alert> alerts = new ArrayList<>();
    for (JsonNode alert : get("/api/v1/alerts").path("data").path("alerts")) {
      Map<String, String> labels = new LinkedHashMap<>();
      alert.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
      alerts.add(new Alert(labels.get("alertname"), alert.path("state").asText(), labels));
    }
    return alerts;
  }

  /** Every alerting rule loaded. */
  List<AlertRule> alertRules() throws IOException, InterruptedException {
    List<AlertRule> rules = new ArrayList<>();
    for (JsonNode group : get("/api/v1/rules?type=alert").path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        rules.add(
            new AlertRule(
                rule.path("name").asText(),
                rule.path("duration").asDouble(),
                rule.path("health").asText()));
      }
    }
    return rules;
  }

  /** Each scrape target's pod label and health ("up", "down", "unknown"). */
  Map<String, String> targets() throws IOException, InterruptedException {
    Map<String, String> targets = new LinkedHashMap<>();
    for (JsonNode target : get("/api/v1/targets?state=active").path("data").path("activeTargets")) {
      targets.put(target.path("labels").path("pod").asText(), target.path("health").asText());
    }
    return targets;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200 && response.statusCode() != 400) {
      throw new IOException(path + " answered " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }
}
