package io.sparkrelay.reporter;

import static io.restassured.RestAssured.given;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitReady;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitState;
import static io.sparkrelay.reporter.RunLifecycleTest.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.JetStreamProbe;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages that never became a Spark run still have an answer: a dead letter, no matching rule, too
 * old, refused by the submitter; each read back as a user asks for it.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class MessageLedgerTest {

  private static final Instant SENT = Instant.parse("2026-12-01T09:00:00Z");

  @InjectNatsServer NatsServerProcess nats;

  private RunEvents events;

  @BeforeEach
  void setUp() {
    events = new RunEvents(nats.url());
    events.ensureDeadLetterStream();
    awaitReady();
  }

  private static String newRunId() {
    return UUID.randomUUID().toString();
  }

  @Test
  void aLaunchersDeadLetterIsAnsweredWithTheServiceTheReasonAndTheBody() {
    String runId = newRunId();
    double before =
        MetricsProbe.value(
            "relay_reporter_runs_total", "outcome=\"dead_lettered\"", "reason=\"body-not-object\"");

    events.deadLetter(
        "workflow-launcher",
        runId,
        SENT.plusSeconds(1),
        """
        {"service":"workflow-launcher","runId":"%s","cause":"body-not-object",
         "reason":"the body is a JSON array, not an object, so no trigger rule can read it",
         "eventTime":"%s","body":"[{\\"job\\":\\"pi\\"}]","original":{"id":"%s"},
         "originalBytes":180,"originalTruncated":false}
        """
            .formatted(runId, SENT, runId));

    JsonNode run = awaitState(runId, "DEAD_LETTERED");
    assertThat(run.path("reason").asText()).isEqualTo("body-not-object");
    assertThat(run.path("message").asText())
        .isEqualTo("the body is a JSON array, not an object, so no trigger rule can read it");
    assertThat(run.path("deadLetter").path("service").asText()).isEqualTo("workflow-launcher");
    assertThat(run.path("deadLetter").path("cause").asText()).isEqualTo("body-not-object");
    assertThat(run.path("deadLetter").path("body").asText()).isEqualTo("[{\"job\":\"pi\"}]");
    assertThat(run.path("deadLetter").path("bodyTruncated").asBoolean()).isFalse();
    assertThat(timeline(run))
        .containsExactly(
            "RECEIVED@" + SENT + "+1000", "DEAD_LETTERED@" + SENT.plusSeconds(1) + "+-");
    assertThat(run.path("durationMs").asLong()).isEqualTo(1000);

    assertThat(listed("DEAD_LETTERED")).contains(runId);
    await("announced and counted")
        .atMost(ReporterTestSupport.DEADLINE)
        .untilAsserted(
            () -> {
              assertThat(ends(runId)).containsExactly("relay.runs.dead-lettered");
              assertThat(
                      MetricsProbe.value(
                          "relay_reporter_runs_total",
                          "outcome=\"dead_lettered\"",
                          "reason=\"body-not-object\""))
                  .isEqualTo(before + 1);
            });
  }

  @Test
  void aMessageTheBridgeCouldNotHandOnIsAnsweredBeforeItReachesTheDlq() {
    String runId = newRunId();
    String start = "{\"job\":\"pi\",\"pad\":\"" + "x".repeat(1100);

    events.deadLetter(
        "sqs-bridge",
        runId,
        SENT.plusMillis(20),
        """
        {"service":"sqs-bridge","runId":"%s","cause":"payload-too-large",
         "reason":"the message is 2000000 bytes as a CloudEvent, over the EventBus's max payload",
         "eventTime":"%s","original":"%s","originalBytes":1999000,"originalTruncated":true}
        """
            .formatted(runId, SENT, start.replace("\"", "\\\"")));

    JsonNode run = awaitState(runId, "DEAD_LETTERED");
    assertThat(run.path("reason").asText()).isEqualTo("payload-too-large");
    assertThat(run.path("deadLetter").path("service").asText()).isEqualTo("sqs-bridge");
    assertThat(run.path("deadLetter").path("body").asText())
        .isEqualTo(start.substring(0, DeadLetter.MAX_BODY));
    assertThat(run.path("deadLetter").path("bodyBytes").asLong()).isEqualTo(1_999_000);
    assertThat(run.path("deadLetter").path("bodyTruncated").asBoolean()).isTrue();
  }

  @Test
  void anEventRefusedForItsAgeEndsTooOld() {
    String fresh = newRunId();
    String tooOld =
        """
        {"service":"workflow-launcher","runId":"%s","cause":"too-old",
         "reason":"the event was stored on the EventBus 13h ago","eventTime":"%s"}
        """;
    events.deadLetter(
        "workflow-launcher", fresh, SENT.plusSeconds(5), tooOld.formatted(fresh, SENT));

    JsonNode run = awaitState(fresh, "TOO_OLD");
    assertThat(run.path("reason").asText()).isEqualTo("too-old");
    assertThat(run.path("message").asText())
        .isEqualTo("the event was stored on the EventBus 13h ago");
  }

  @Test
  void aMessageNoRuleMatchedIsAnsweredAsFiltered() {
    String runId = newRunId();
    double before =
        MetricsProbe.value(
            "relay_reporter_runs_total", "outcome=\"filtered\"", "reason=\"no-matching-rule\"");

    events.unmatched(
        runId,
        SENT,
        SENT.plusMillis(300),
        "the message matches no trigger rule: its event (type 'io.spark-relay.sqs.message',"
            + " source 'q') was held against the rules taxi-trip, pi, and no Workflow was created");

    JsonNode run = awaitState(runId, "FILTERED");
    assertThat(run.path("reason").asText()).isEqualTo("no-matching-rule");
    assertThat(run.path("message").asText())
        .isEqualTo(
            "the message matches no trigger rule: its event (type 'io.spark-relay.sqs.message',"
                + " source 'q') was held against the rules taxi-trip, pi, and no Workflow was"
                + " created");
    assertThat(timeline(run))
        .containsExactly("RECEIVED@" + SENT + "+300", "FILTERED@" + SENT.plusMillis(300) + "+-");
    assertThat(listed("FILTERED")).contains(runId);
    await("counted")
        .atMost(ReporterTestSupport.DEADLINE)
        .until(
            () ->
                MetricsProbe.value(
                        "relay_reporter_runs_total",
                        "outcome=\"filtered\"",
                        "reason=\"no-matching-rule\"")
                    == before + 1);
  }

  @Test
  void aRefusalByTheSubmitterNamesTheRuleAndWinsOverTheWorkflowsLaterFailure() {
    String runId = newRunId();
    String workflow = "taxi-trip-" + runId.substring(0, 10);
    events.workflowCreated(runId, workflow, SENT, SENT.plusMillis(100));
    events.sparkRefused(
        runId,
        workflow,
        "max-executors",
        "executors 50 is over the limit of 10 (relay.policy.max-executors)",
        SENT.plusMillis(900));

    JsonNode run = awaitState(runId, "REFUSED");
    assertThat(run.path("reason").asText()).isEqualTo("max-executors");
    assertThat(run.path("message").asText())
        .isEqualTo("executors 50 is over the limit of 10 (relay.policy.max-executors)");
    assertThat(timeline(run))
        .containsExactly(
            "RECEIVED@" + SENT + "+100",
            "WORKFLOW_CREATED@" + SENT.plusMillis(100) + "+800",
            "REFUSED@" + SENT.plusMillis(900) + "+-");
    await("announced")
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> ends(runId).equals(List.of("relay.runs.refused")));
  }

  @Test
  void aRuleIdThatIsNoPlainLabelIsCountedAsOther() {
    String runId = newRunId();
    events.sparkRefused(runId, "wf", "Rule With Spaces \u0000", "refused", SENT.plusMillis(5));

    assertThat(awaitState(runId, "REFUSED").path("reason").asText()).isEqualTo("other");
  }

  private static List<String> listed(String state) {
    return given()
        .queryParam("state", state)
        .queryParam("size", 200)
        .get("/api/v1/runs")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.runId", String.class);
  }

  private List<String> ends(String runId) {
    return new JetStreamProbe(nats.url())
        .messages("RELAY_RUNS").stream()
            .filter(
                m ->
                    (runId + ":" + m.subject().substring("relay.runs.".length()))
                        .equals(m.messageId()))
            .map(JetStreamProbe.StoredMessage::subject)
            .toList();
  }
}
