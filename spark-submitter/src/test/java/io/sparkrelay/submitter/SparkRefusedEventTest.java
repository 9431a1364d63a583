package io.sparkrelay.submitter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A refused submission (403 or 400) tells the run why, on RELAY_RUNS, as the reporter reads it. */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class SparkRefusedEventTest {

  private static final String API = "/api/v1/spark-applications";
  private static final String SUBJECT = "relay.runs.spark-refused";

  @InjectNatsServer NatsServerProcess nats;
  @Inject KubernetesClient client;

  private final ObjectMapper json = new ObjectMapper();
  private JetStreamProbe probe;

  @BeforeEach
  void probe() {
    probe = new JetStreamProbe(nats.url());
  }

  @Test
  void aPolicyRefusalIsAnswered403AndTellsTheRunTheRule() throws Exception {
    String runId = runId();
    Map<String, Object> body = request(runId, "refused-1a2b3c4d5e");
    body.put("executors", 5);

    post(body)
        .statusCode(403)
        .body("rule", equalTo("max-executors"))
        .body("message", equalTo("5 executors asked, at most 4 allowed"));

    JsonNode event = awaitEvent(runId + ":spark-refused:refused-1a2b3c4d5e");
    assertThat(event.get("specversion").asText()).isEqualTo("1.0");
    assertThat(event.get("type").asText()).isEqualTo("io.spark-relay.run.spark-refused");
    assertThat(event.get("source").asText()).isEqualTo("spark-relay/spark-submitter");
    assertThat(event.get("id").asText()).isEqualTo(runId + ":spark-refused:refused-1a2b3c4d5e");
    assertThat(event.get("subject").asText()).isEqualTo("refused-1a2b3c4d5e");
    assertThat(event.get("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(event.get("data"))
        .isEqualTo(
            data(
                runId,
                "refused-1a2b3c4d5e",
                "max-executors",
                "5 executors asked, at most 4 allowed"));
  }

  @Test
  void anInvalidRequestIsAnswered400AndTellsTheRunEveryFieldError() throws Exception {
    String runId = runId();
    Map<String, Object> body = request(runId, "invalid-1a2b3c4d5e");
    body.put("profile", "word-count");
    body.put("executors", "many");

    post(body)
        .statusCode(400)
        .body("errors.field", equalTo(List.of("executors", "profile")))
        .body("errors[0].message", equalTo("must be an integer"));

    JsonNode event = awaitEvent(runId + ":spark-refused:invalid-1a2b3c4d5e");
    assertThat(event.get("subject").asText()).isEqualTo("invalid-1a2b3c4d5e");
    assertThat(event.get("data"))
        .isEqualTo(
            data(
                runId,
                "invalid-1a2b3c4d5e",
                "invalid-request",
                "executors: must be an integer; profile: unknown profile 'word-count';"
                    + " known: [pi, taxi-trip]"));
  }

  @Test
  void theSameRefusalTwiceIsStoredOnce() {
    String runId = runId();
    String id = runId + ":spark-refused:twice-1a2b3c4d5e";
    Map<String, Object> body = request(runId, "twice-1a2b3c4d5e");
    body.put("executors", 5);
    double duplicates = events("duplicate");
    assertThat(eventsWithId(id)).isEmpty();

    post(body).statusCode(403);
    post(body).statusCode(403);

    // both were sent; the stream's duplicate window dropped the second
    await().until(() -> events("duplicate") == duplicates + 1);
    assertThat(eventsWithId(id)).hasSize(1);
  }

  @Test
  void aRequestWithoutAValidRunIdAndWorkflowTellsNoRun() throws Exception {
    String runId = runId();
    Map<String, Object> badWorkflow = request(runId, "Not_A_Workflow");
    badWorkflow.put("executors", "many");
    int before = probe.messages("RELAY_RUNS", SUBJECT).size();

    post(badWorkflow).statusCode(400);
    given()
        .header("Authorization", TestWorkflows.bearer())
        .contentType(ContentType.JSON)
        .body("{\"runId\": ")
        .post(API)
        .then()
        .statusCode(400);
    // events go out in order: once a later refusal is stored, the two above would be too
    String marker = runId();
    Map<String, Object> refused = request(marker, "marker-1a2b3c4d5e");
    refused.put("executors", 5);
    post(refused).statusCode(403);
    awaitEvent(marker + ":spark-refused:marker-1a2b3c4d5e");

    List<JetStreamProbe.StoredMessage> after = probe.messages("RELAY_RUNS", SUBJECT);
    assertThat(after).hasSize(before + 1);
    assertThat(after).noneMatch(message -> message.data().contains(runId));
  }

  @Test
  void aLongReasonIsCutTo1000Characters() throws Exception {
    String runId = runId();
    Map<String, Object> body = request(runId, "long-1a2b3c4d5e");
    body.put("arguments", List.of("s3a://other-bucket/" + "k".repeat(1500)));

    String message =
        post(body)
            .statusCode(403)
            .body("rule", equalTo("allowed-s3-prefixes"))
            .extract()
            .path("message");

    assertThat(message).hasSizeGreaterThan(1500);
    JsonNode event = awaitEvent(runId + ":spark-refused:long-1a2b3c4d5e");
    assertThat(event.at("/data/reason").asText())
        .hasSize(1000)
        .isEqualTo(message.substring(0, 999) + "…");
  }

  @Test
  void withNatsDownARefusalIsStillAnswered403AndTheLostEventCounted() {
    Map<String, Object> body = request(runId(), "nats-down-1a2b3c4d5e");
    body.put("executors", 5);
    double givenUp = events("given-up");
    nats.stop();
    try {
      await().until(() -> given().get("/q/health/ready").statusCode() == 503);

      post(body)
          .statusCode(403)
          .body("rule", equalTo("max-executors"))
          .body("message", equalTo("5 executors asked, at most 4 allowed"));

      await().atMost(Duration.ofSeconds(15)).until(() -> events("given-up") == givenUp + 1);
    } finally {
      nats.start();
    }
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
  }

  // --- helpers ---

  private JsonNode awaitEvent(String id) throws Exception {
    await().until(() -> eventsWithId(id).size() == 1);
    JetStreamProbe.StoredMessage stored = eventsWithId(id).get(0);
    assertThat(stored.subject()).isEqualTo(SUBJECT);
    return json.readTree(stored.data());
  }

  private List<JetStreamProbe.StoredMessage> eventsWithId(String id) {
    return probe.messages("RELAY_RUNS", SUBJECT).stream()
        .filter(m -> id.equals(m.messageId()))
        .toList();
  }

  private ObjectNode data(String runId, String workflow, String rule, String reason) {
    ObjectNode data = json.createObjectNode().put("runId", runId);
    data.putObject("workflow").put("name", workflow).put("namespace", TestWorkflows.NAMESPACE);
    return data.put("rule", rule).put("reason", reason);
  }

  /** relay_submitter_events_total of spark-refused events with {@code outcome}; 0 when none yet. */
  private static double events(String outcome) {
    return MetricsProbe.value(
        "relay_submitter_events_total", "event=\"spark-refused\"", "outcome=\"" + outcome + "\"");
  }

  private static Map<String, Object> request(String runId, String workflow) {
    Map<String, Object> body = new HashMap<>();
    body.put("runId", runId);
    body.put("workflow", workflow);
    body.put("profile", "taxi-trip");
    return body;
  }

  private static String runId() {
    return UUID.randomUUID().toString();
  }

  /** Sends {@code body} with the credential, as the step of the Workflow it names. */
  private ValidatableResponse post(Map<String, Object> body) {
    TestWorkflows.putMatching(client, body);
    return given()
        .header("Authorization", TestWorkflows.bearer())
        .contentType(ContentType.JSON)
        .body(body)
        .post(API)
        .then();
  }
}
