package io.sparkrelay.reporter;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.JetStreamProbe.StoredMessage;
import java.time.Duration;
import java.util.List;

/** What the tests read back: the REST answers and the stored end events. */
final class ReporterTestSupport {

  static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private ReporterTestSupport() {}

  static void awaitReady() {
    await("reporter ready")
        .atMost(DEADLINE)
        .until(() -> given().get("/q/health/ready").statusCode() == 200);
  }

  /** The run as {@code GET /api/v1/runs/{id}} answers, null while it is unknown. */
  static JsonNode run(String runId) {
    var response = given().get("/api/v1/runs/{id}", runId);
    if (response.statusCode() == 404) {
      return null;
    }
    try {
      return JSON.readTree(response.then().statusCode(200).extract().asString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode awaitState(String runId, String state) {
    await("run " + runId + " " + state)
        .atMost(DEADLINE)
        .until(
            () -> {
              JsonNode run = run(runId);
              return run != null && state.equals(run.path("state").asText());
            });
    return run(runId);
  }

  /** The end events stored on RELAY_RUNS for {@code runId}. */
  static List<JsonNode> endEvents(String natsUrl, String runId) {
    return new JetStreamProbe(natsUrl)
        .messages("RELAY_RUNS").stream()
            .filter(
                m ->
                    m.subject().equals("relay.runs.completed")
                        || m.subject().equals("relay.runs.failed"))
            .filter(m -> m.messageId() != null && m.messageId().startsWith(runId + ":"))
            .map(ReporterTestSupport::parse)
            .toList();
  }

  private static JsonNode parse(StoredMessage message) {
    try {
      JsonNode event = JSON.readTree(message.data());
      ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("_subject", message.subject());
      ((com.fasterxml.jackson.databind.node.ObjectNode) event).put("_msgId", message.messageId());
      return event;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
