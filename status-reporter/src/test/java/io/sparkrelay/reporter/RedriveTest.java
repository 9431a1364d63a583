package io.sparkrelay.reporter;

import static io.restassured.RestAssured.given;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitReady;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A dead letter sent again, and everything a redrive refuses, with the reason a caller reads. */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(
    value = KubernetesApiResource.class,
    initArgs = {
      // the reporter with one redrive credential, named operator
      @ResourceArg(name = "relay.redrive.credentials.operator", value = "test-redrive-credential")
    })
class RedriveTest {

  private static final String BEARER = "Bearer test-redrive-credential";
  private static final Instant SENT = Instant.parse("2026-12-01T09:00:00Z");

  @InjectNatsServer NatsServerProcess nats;

  private RunEvents events;

  @BeforeEach
  void setUp() throws Exception {
    events = new RunEvents(nats.url());
    events.ensureDeadLetterStream();
    try (Connection connection = Nats.connect(nats.url())) {
      var management = connection.jetStreamManagement();
      if (!management.getStreamNames().contains("RELAY_EVENTS")) {
        management.addStream(
            StreamConfiguration.builder().name("RELAY_EVENTS").subjects("relay.events.>").build());
      }
    }
    awaitReady();
  }

  private String launcherDeadLetter(String original) {
    String runId = UUID.randomUUID().toString();
    events.deadLetter(
        "workflow-launcher",
        runId,
        SENT.plusSeconds(1),
        """
        {"service":"workflow-launcher","runId":"%s","cause":"invalid-parameter",
         "reason":"rule 'pi': parameter 'executors' does not match","eventTime":"%s",
         "body":"{}","original":%s,"originalBytes":120,"originalTruncated":false}
        """
            .formatted(runId, SENT, original.formatted(runId)));
    awaitState(runId, "DEAD_LETTERED");
    return runId;
  }

  @Test
  void aDeadLetterIsPublishedAgainOnceAndItsRunStartsASecondAttempt() throws Exception {
    String runId = launcherDeadLetter("{\"specversion\":\"1.0\",\"id\":\"%s\",\"data\":{}}");

    given()
        .header("Authorization", BEARER)
        .header("Idempotency-Key", "k-1")
        .post("/api/v1/runs/{id}/redrive", runId)
        .then()
        .statusCode(202)
        .body("runId", equalTo(runId))
        .body("by", equalTo("operator"))
        .body("key", equalTo("k-1"));
    // the same request again: the first redrive's answer, nothing sent
    given()
        .header("Authorization", BEARER)
        .header("Idempotency-Key", "k-1")
        .post("/api/v1/runs/{id}/redrive", runId)
        .then()
        .statusCode(200)
        .body("by", equalTo("operator"));

    try (Connection connection = Nats.connect(nats.url())) {
      var management = connection.jetStreamManagement();
      var republished = management.getLastMessage("RELAY_EVENTS", "relay.events.redrive");
      assertThat(new String(republished.getData(), StandardCharsets.UTF_8))
          .isEqualTo("{\"specversion\":\"1.0\",\"id\":\"" + runId + "\",\"data\":{}}");
      assertThat(republished.getHeaders().getFirst("Nats-Msg-Id"))
          .isEqualTo(runId + ":redrive:k-1");
      assertThat(management.getStreamInfo("RELAY_EVENTS").getStreamState().getMsgCount())
          .isEqualTo(1);
    }
    var run = awaitState(runId, "RECEIVED");
    assertThat(run.path("redrives").get(0).path("by").asText()).isEqualTo("operator");
    // a run on its second attempt is no dead letter now
    given()
        .header("Authorization", BEARER)
        .header("Idempotency-Key", "k-2")
        .post("/api/v1/runs/{id}/redrive", runId)
        .then()
        .statusCode(409)
        .body("message", equalTo("run " + runId + " is RECEIVED, not a dead letter"));
  }

  @Test
  void aRedriveWithoutTheCredentialOrItsKeyIsRefusedAndSaysWhy() {
    String runId = launcherDeadLetter("{\"id\":\"%s\"}");
    given()
        .header("Idempotency-Key", "k-1")
        .post("/api/v1/runs/{id}/redrive", runId)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", equalTo("Bearer"));
    given()
        .header("Authorization", "Bearer guessed")
        .header("Idempotency-Key", "k-1")
        .post("/api/v1/runs/{id}/redrive", runId)
        .then()
        .statusCode(401);
    given()
        .header("Authorization", BEARER)
        .post("/api/v1/runs/{id}/redrive", runId)
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "an Idempotency-Key header of 1 to 64 letters, digits, '.', '_' or '-' is"
                    + " required"));
    given()
        .header("Authorization", BEARER)
        .header("Idempotency-Key", "k-1")
        .post("/api/v1/runs/{id}/redrive", "no-such-run")
        .then()
        .statusCode(404)
        .body("message", equalTo("no run no-such-run"));
    awaitState(runId, "DEAD_LETTERED");
  }

  @Test
  void aBridgeDeadLetterCannotBeRedriven() {
    String runId = UUID.randomUUID().toString();
    events.deadLetter(
        "sqs-bridge",
        runId,
        SENT.plusSeconds(1),
        """
        {"service":"sqs-bridge","runId":"%s","cause":"payload-too-large",
         "reason":"too large","eventTime":"%s","body":"x","originalBytes":2000000,
         "originalTruncated":true}
        """
            .formatted(runId, SENT));
    awaitState(runId, "DEAD_LETTERED");
    given()
        .header("Authorization", BEARER)
        .header("Idempotency-Key", "k-1")
        .post("/api/v1/runs/{id}/redrive", runId)
        .then()
        .statusCode(409)
        .body(
            "message",
            equalTo(
                "this dead letter cannot be redriven: only the workflow-launcher's keep the"
                    + " original event"));
  }
}
