package io.sparkrelay.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrelay.testkit.MetricsProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A real Prometheus over the local chain ({@code run.sh --prometheus}: Debian's prometheus scraping
 * every service every 5 s, the chart's PrometheusRule loaded as it renders): the alerts react to
 * the faults they are meant for, and every panel query of the chart's Grafana dashboard answers
 * with data once the chain has lived through what the panels show (refusals, a publish that times
 * out, a message NATS cannot take, a dead letter that cannot be written).
 *
 * <p>The chart's {@code for:} durations cannot be set through its values, so the bridge's alert (10
 * minutes) is asserted pending while the bridge is cut off and gone once it is back; {@code
 * -Dalerts.full=true} holds the cut-off until it fires (about 11 minutes). SparkRelayDeadLetters
 * has no {@code for} and is asserted firing; it resolves 15 minutes after the last dead letter (its
 * window), beyond this test.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPrometheusTest {

  private static final String BRIDGE_STALLED = "SparkRelayBridgeStalled";
  private static final String DEAD_LETTERS = "SparkRelayDeadLetters";
  private static final Pattern ALERT = Pattern.compile("^\\s*- alert: (\\S+)$", Pattern.MULTILINE);
  // NATS takes at most 128 KiB here, SQS 256 KiB: a 200 KB body is a message the bridge cannot hand
  // on
  private static final int MAX_PAYLOAD = 131_072;
  private static final String TOO_LARGE =
      "{\"job\":\"pi\",\"input\":\"s3://spark-relay-data/" + "a".repeat(200_000) + "/\"}";

  private static LocalChain chain;
  private static NatsGates gates;
  private static ChainProcesses processes;
  private static SqsClient sqs;
  private static Prometheus prometheus;

  @BeforeAll
  static void startTheChainWithPrometheus() throws Exception {
    int base = LocalChain.freePortBlock(10);
    // the bridge reaches NATS through a gate, so that it alone can be cut off
    gates = new NatsGates(List.of("sqs-bridge"), List.of(base + 6));
    List<String> options =
        new ArrayList<>(List.of("--prometheus", "--nats-max-payload", String.valueOf(MAX_PAYLOAD)));
    options.addAll(gates.runShOptions());
    chain =
        LocalChain.startAt(
            Path.of("target/chain-run-prometheus").toAbsolutePath(),
            base,
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            Map.of(
                // two runs at a time per namespace: a burst meets the submitter's admission
                "RELAY_ADMISSION_MAX_ACTIVE_PER_NAMESPACE", "2",
                "RELAY_SQS_VISIBILITY_TIMEOUT_SECONDS", "6",
                "RELAY_NATS_PUBLISH_TIMEOUT", "3s",
                "RELAY_NATS_REQUEST_TIMEOUT", "3s"),
            options.toArray(String[]::new));
    processes = new ChainProcesses(chain);
    sqs = chain.sqsClient();
    prometheus = new Prometheus(chain.endpoint("PROMETHEUS_URL"));
  }

  @AfterAll
  static void stop() {
    LocalChain.closeAll(processes, sqs, chain, gates);
  }

  @Test
  @Order(1)
  void prometheusScrapesEveryServiceWithTheChartsAlertsLoaded() throws Exception {
    await("every service scraped")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(prometheus.targets())
                    .isEqualTo(
                        Map.of(
                            "status-reporter", "up",
                            "spark-submitter", "up",
                            "workflow-launcher", "up",
                            "sqs-bridge", "up")));
    String rules = Files.readString(chain.runDir().resolve("prometheus/rules.yaml"));
    Set<String> rendered = new TreeSet<>();
    Matcher alert = ALERT.matcher(rules);
    while (alert.find()) {
      rendered.add(alert.group(1));
    }
    assertThat(rendered).contains(BRIDGE_STALLED, DEAD_LETTERS);
    List<Prometheus.AlertRule> loaded = prometheus.alertRules();
    assertThat(loaded)
        .extracting(Prometheus.AlertRule::name)
        .containsExactlyInAnyOrderElementsOf(rendered);
    assertThat(loaded).extracting(Prometheus.AlertRule::health).doesNotContain("err");
  }

  @Test
  @Order(2)
  void aPoisonMessageFiresTheDeadLettersAlert() {
    // The launcher's counters appear with its first event (its metrics bean is made on first use),
    // and increase() sees no rise in a series that starts at 1: a poison message as the very first
    // event after a start would not fire the alert. A good one first, scraped at 0, then the
    // poison.
    send(NeverStoppingChaos.GOOD);
    await("the launcher's dead-letter counter scraped")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () ->
                !prometheus
                    .query("relay_launcher_events_dead_lettered_total == 0")
                    .path("result")
                    .isEmpty());
    send(NeverStoppingChaos.POISON);

    Prometheus.Alert firing =
        await(DEAD_LETTERS + " firing")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .until(
                () -> alert(DEAD_LETTERS),
                a -> a.filter(x -> x.state().equals("firing")).isPresent())
            .orElseThrow();
    assertThat(firing.labels()).containsEntry("severity", "warning");
  }

  @Test
  @Order(3)
  void theBridgeCutOffFromNatsMakesItsAlertPendingAndBackItGoes() throws Exception {
    Prometheus.AlertRule rule =
        prometheus.alertRules().stream()
            .filter(r -> r.name().equals(BRIDGE_STALLED))
            .findFirst()
            .orElseThrow();
    assertThat(rule.forSeconds()).as("the chart's for: of " + BRIDGE_STALLED).isEqualTo(600.0);

    gates.cutOff("sqs-bridge");
    try {
      await(BRIDGE_STALLED + " pending while the bridge is cut off")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> alert(BRIDGE_STALLED), a -> a.isPresent());
      assertThat(single("min(relay_bridge_eventbus_connected)")).isEqualTo(0.0);
      if (Boolean.getBoolean("alerts.full")) {
        await(BRIDGE_STALLED + " firing after its 10 minutes")
            .atMost(Duration.ofMinutes(12))
            .pollInterval(Duration.ofSeconds(5))
            .ignoreExceptions()
            .until(
                () -> alert(BRIDGE_STALLED),
                a -> a.filter(x -> x.state().equals("firing")).isPresent());
      } else {
        assertThat(alert(BRIDGE_STALLED).orElseThrow().state()).isEqualTo("pending");
      }
    } finally {
      gates.restore("sqs-bridge");
    }

    await(BRIDGE_STALLED + " gone once the bridge is back")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> alert(BRIDGE_STALLED), Optional::isEmpty);
    assertThat(single("min(relay_bridge_eventbus_connected)")).isEqualTo(1.0);
  }

  @Test
  @Order(4)
  void everyPanelQueryOfTheDashboardAnswersWithData() throws Exception {
    String bridge = chain.endpoint("BRIDGE_URL");
    // a burst over the admission limit of 2: the submitter answers 429 (Argo's step retries)
    for (int i = 0; i < 6; i++) {
      send(NeverStoppingChaos.GOOD);
    }
    awaitMetric(chain.endpoint("SUBMITTER_URL"), "relay_submitter_admission_refusals_total");
    // a message NATS cannot take: a publish failure, and the bridge's dead-letter notice
    send(TOO_LARGE);
    awaitMetric(bridge, "relay_bridge_publish_failures_total");
    awaitMetric(bridge, "relay_bridge_dead_letters_total");
    // another with NATS frozen: its notice cannot be written (no acknowledgement in time)
    processes.freeze("nats");
    try {
      send(TOO_LARGE.replace("aaa/", "bbb/"));
      awaitMetric(bridge, "relay_bridge_dead_letter_failures_total");
    } finally {
      processes.thaw("nats");
    }
    send("{\"job\":\"pi\",\"scenario\":\"oom\"}");
    send("{\"job\":\"pi\",\"executors\":\"50\"}");
    send("{\"job\":\"unknown-job\"}");
    List<DashboardQueries.Query> queries = DashboardQueries.of(DashboardQueries.file(), "1m");
    assertThat(queries).as("queries of " + DashboardQueries.file()).isNotEmpty();

    await("every panel query answered with data")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(unanswered(queries)).isEmpty());
  }

  /** The queries that err or return nothing, each with what Prometheus said. */
  private static List<String> unanswered(List<DashboardQueries.Query> queries)
      throws InterruptedException {
    List<String> unanswered = new ArrayList<>();
    for (DashboardQueries.Query query : queries) {
      try {
        JsonNode data = prometheus.query(query.promql());
        if (data.path("result").isEmpty()) {
          unanswered.add(query.panel() + " " + query.refId() + ": nothing for " + query.promql());
        }
      } catch (java.io.IOException e) {
        unanswered.add(query.panel() + " " + query.refId() + ": " + e.getMessage());
      }
    }
    return unanswered;
  }

  private static Optional<Prometheus.Alert> alert(String name) throws Exception {
    return prometheus.alerts().stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** The value of a query that answers one number. */
  private static double single(String promql) throws Exception {
    JsonNode result = prometheus.query(promql).path("result");
    assertThat(result).as(promql).hasSize(1);
    return result.get(0).path("value").get(1).asDouble();
  }

  private static void awaitMetric(String service, String name) {
    await(name + " counted")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(() -> MetricsProbe.valueAt(service, name) > 0);
  }

  private static void send(String body) {
    sqs.sendMessage(b -> b.queueUrl(chain.endpoint("QUEUE_URL")).messageBody(body));
  }
}
