package io.sparkrelay.reporter;

import static io.restassured.RestAssured.given;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitReady;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitState;
import static io.sparkrelay.reporter.ReporterTestSupport.endEvents;
import static io.sparkrelay.reporter.RunScript.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs driven through every stage on the mock API server and real NATS, read back as users do. */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class RunLifecycleTest {

  @InjectNatsServer NatsServerProcess nats;
  @Inject KubernetesClient client;

  private Cluster cluster;
  private RunEvents events;

  @BeforeEach
  void setUp() {
    cluster = new Cluster(client);
    events = new RunEvents(nats.url());
    awaitReady();
  }

  private RunScript script() {
    return new RunScript(UUID.randomUUID().toString(), cluster, events);
  }

  static List<String> timeline(JsonNode run) {
    return StreamSupport.stream(run.path("timeline").spliterator(), false)
        .map(
            s ->
                s.path("stage").asText()
                    + "@"
                    + s.path("at").asText()
                    + "+"
                    + s.path("durationMs").asText("-"))
        .toList();
  }

  static final List<String> COMPLETED_TIMELINE =
      List.of(
          "RECEIVED@" + at(0) + "+1000",
          "WORKFLOW_CREATED@" + at(1) + "+2000",
          "SPARK_SUBMITTED@" + at(3) + "+5000",
          "DRIVER_RUNNING@" + at(8) + "+52000",
          "COMPLETED@" + at(60) + "+-");

  @Test
  void aRunThroughEveryStageGivesItsTimelineObjectsEventAndMetrics() {
    double completedBefore =
        MetricsProbe.value("relay_reporter_runs_total", "outcome=\"completed\"");
    double driverStagesBefore =
        MetricsProbe.value(
            "relay_reporter_stage_duration_seconds_count", "stage=\"driver_running\"");
    double completedDurationsBefore =
        MetricsProbe.value("relay_reporter_run_duration_seconds_count", "outcome=\"completed\"");
    double activeBefore = MetricsProbe.value("relay_reporter_active_runs");
    RunScript run = script();

    List<RunScript.Step> untilRunning = run.untilRunning();
    untilRunning.forEach(RunScript.Step::run);
    JsonNode running = awaitState(run.runId, "DRIVER_RUNNING");
    assertThat(running.toString()).doesNotContain("\"announced\":\"");
    // the gauge follows the run index, which the bucket watch feeds a moment after the write
    await("this run counted active")
        .atMost(ReporterTestSupport.DEADLINE)
        .untilAsserted(
            () ->
                assertThat(MetricsProbe.value("relay_reporter_active_runs"))
                    .isEqualTo(activeBefore + 1));

    run.toCompletion().forEach(RunScript.Step::run);
    JsonNode done = awaitState(run.runId, "COMPLETED");

    assertThat(timeline(done)).containsExactlyElementsOf(COMPLETED_TIMELINE);
    assertThat(done.path("durationMs").asLong()).isEqualTo(60_000);
    assertThat(done.path("trigger").asText()).isEqualTo("taxi");
    // a completed run has no reason: the field is there, as JSON null
    assertThat(done.get("reason")).isEqualTo(NullNode.getInstance());
    assertThat(done.path("workflow").path("name").asText()).isEqualTo(run.workflow);
    assertThat(done.path("workflow").path("namespace").asText()).isEqualTo("default");
    assertThat(done.path("application").path("name").asText()).isEqualTo(run.application);
    assertThat(done.path("application").path("namespace").asText()).isEqualTo("spark-team-a");
    assertThat(done.path("application").path("driverPod").asText()).isEqualTo(run.driver);
    assertThat(done.path("executors").path("count").asInt()).isEqualTo(2);
    assertThat(done.path("executors").path("failures").asInt()).isZero();
    assertThat(
            StreamSupport.stream(done.path("pods").spliterator(), false)
                .map(
                    p ->
                        p.path("name").asText()
                            + ":"
                            + p.path("role").asText()
                            + ":"
                            + p.path("phase").asText()))
        .containsExactlyInAnyOrder(
            run.driver + ":driver:Succeeded",
            run.application + "-exec-1:executor:Succeeded",
            run.application + "-exec-2:executor:Succeeded");

    await("one completed event")
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> endEvents(nats.url(), run.runId).size() == 1);
    JsonNode event = endEvents(nats.url(), run.runId).getFirst();
    assertThat(event.path("_subject").asText()).isEqualTo("relay.runs.completed");
    assertThat(event.path("_msgId").asText()).isEqualTo(run.runId + ":completed");
    assertThat(event.path("type").asText()).isEqualTo("io.spark-relay.run.completed");
    assertThat(event.path("source").asText()).isEqualTo("spark-relay/status-reporter");
    assertThat(event.path("id").asText()).isEqualTo(run.runId + ":completed");
    assertThat(event.path("data").path("state").asText()).isEqualTo("COMPLETED");
    assertThat(event.path("data").path("timeline")).hasSize(5);

    await("metrics")
        .atMost(ReporterTestSupport.DEADLINE)
        .untilAsserted(
            () -> {
              assertThat(
                      MetricsProbe.value(
                          "relay_reporter_runs_total", "outcome=\"completed\"", "reason=\"none\""))
                  .isEqualTo(completedBefore + 1);
              assertThat(
                      MetricsProbe.value(
                          "relay_reporter_stage_duration_seconds_count",
                          "stage=\"driver_running\""))
                  .isEqualTo(driverStagesBefore + 1);
              assertThat(
                      MetricsProbe.value(
                          "relay_reporter_run_duration_seconds_count", "outcome=\"completed\""))
                  .isEqualTo(completedDurationsBefore + 1);
              assertThat(MetricsProbe.value("relay_reporter_active_runs")).isEqualTo(activeBefore);
            });

    // nothing more happens when the same updates come again
    run.successful().forEach(RunScript.Step::run);
    await()
        .during(java.time.Duration.ofSeconds(1))
        .atMost(java.time.Duration.ofSeconds(3))
        .until(() -> endEvents(nats.url(), run.runId).size() == 1);
    assertThat(timeline(run(run.runId))).containsExactlyElementsOf(COMPLETED_TIMELINE);
  }

  private static JsonNode run(String id) {
    return ReporterTestSupport.run(id);
  }

  @Test
  void theSameUpdatesInAnotherOrderAndRepeatedGiveTheSameTimeline() {
    Random random = new Random(7);
    for (int round = 0; round < 3; round++) {
      RunScript run = script();
      List<RunScript.Step> steps = new ArrayList<>(run.successful());
      List<RunScript.Step> repeated = new ArrayList<>(steps);
      for (int i = 0; i < 6; i++) {
        repeated.add(steps.get(random.nextInt(steps.size())));
      }
      Collections.shuffle(repeated, random);
      repeated.forEach(RunScript.Step::run);

      await("run " + round + " in order " + repeated)
          .atMost(ReporterTestSupport.DEADLINE)
          .untilAsserted(
              () -> {
                JsonNode done = run(run.runId);
                assertThat(done).isNotNull();
                assertThat(timeline(done)).containsExactlyElementsOf(COMPLETED_TIMELINE);
                assertThat(done.path("executors").path("count").asInt()).isEqualTo(2);
                assertThat(done.path("application").path("state").asText()).isEqualTo("COMPLETED");
                assertThat(done.path("workflow").path("phase").asText()).isEqualTo("Succeeded");
              });
      await()
          .atMost(ReporterTestSupport.DEADLINE)
          .until(() -> endEvents(nats.url(), run.runId).size() == 1);
      assertThat(endEvents(nats.url(), run.runId).getFirst().path("_subject").asText())
          .isEqualTo("relay.runs.completed");
    }
  }

  @Test
  void runsAreListedNewestFirstFilteredAndPaged() {
    int totalBefore = listTotal();
    RunScript done = script();
    done.successful().forEach(RunScript.Step::run);
    awaitState(done.runId, "COMPLETED");
    await("announced")
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> endEvents(nats.url(), done.runId).size() == 1);
    RunScript later = script();
    later.workflowCreatedEvent().run();
    later.workflow("Running", null, null).run();
    awaitState(later.runId, "WORKFLOW_CREATED");
    // the list is read off the index, which the bucket watch feeds a moment after the write
    await("the running one listed")
        .atMost(ReporterTestSupport.DEADLINE)
        .untilAsserted(
            () ->
                given()
                    .queryParam("state", "workflow_created")
                    .queryParam("q", later.runId)
                    .get("/api/v1/runs")
                    .then()
                    .statusCode(200)
                    .body("items.runId", org.hamcrest.Matchers.contains(later.runId))
                    .body("total", equalTo(1)));

    await()
        .atMost(ReporterTestSupport.DEADLINE)
        .untilAsserted(
            () ->
                given()
                    .queryParam("state", "completed")
                    .queryParam("trigger", "taxi")
                    .queryParam("size", 200)
                    .get("/api/v1/runs")
                    .then()
                    .statusCode(200)
                    .body("items.runId", org.hamcrest.Matchers.hasItem(done.runId))
                    .body(
                        "items.runId",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(later.runId)))
                    .body("items.state", org.hamcrest.Matchers.everyItem(equalTo("COMPLETED"))));

    JsonNode page =
        json(
            given()
                .queryParam("size", 1)
                .queryParam("page", 0)
                .get("/api/v1/runs")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(page.path("items")).hasSize(1);
    assertThat(page.path("page").asInt()).isZero();
    assertThat(page.path("size").asInt()).isEqualTo(1);
    // the two runs of this test on top of those stored before it
    assertThat(page.path("total").asInt()).isEqualTo(totalBefore + 2);
    JsonNode all =
        json(
            given()
                .queryParam("size", 200)
                .get("/api/v1/runs")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    // as instants: ISO texts with and without fractions of a second do not sort as text
    List<java.time.Instant> firstSeen =
        StreamSupport.stream(all.path("items").spliterator(), false)
            .map(i -> java.time.Instant.parse(i.path("firstSeen").asText()))
            .toList();
    assertThat(firstSeen).isSortedAccordingTo(java.util.Comparator.reverseOrder());

    given()
        .queryParam("state", "SOMEWHERE")
        .get("/api/v1/runs")
        .then()
        .statusCode(400)
        .body(
            "message",
            equalTo(
                "unknown state; one of [RECEIVED, WORKFLOW_CREATED, SPARK_SUBMITTED,"
                    + " DRIVER_RUNNING, COMPLETED, FAILED, REFUSED, DEAD_LETTERED, FILTERED,"
                    + " TOO_OLD]"));
    given()
        .queryParam("size", 0)
        .get("/api/v1/runs")
        .then()
        .statusCode(400)
        .body("message", equalTo("page must be >= 0 and size between 1 and 200"));
    given()
        .queryParam("page", "x")
        .get("/api/v1/runs")
        .then()
        .statusCode(400)
        .body("message", equalTo("page must be a whole number"));
    given()
        .queryParam("minutes", "0")
        .get("/api/v1/runs/counts")
        .then()
        .statusCode(400)
        .body("message", equalTo("minutes must be between 1 and 10080"));
    given()
        .get("/api/v1/runs/{id}", "no-such-run")
        .then()
        .statusCode(404)
        .body("message", equalTo("no run no-such-run"));
  }

  @Test
  void redriveIsOffWithoutACredential() {
    given()
        .header("Authorization", "Bearer anything")
        .header("Idempotency-Key", "k-1")
        .post("/api/v1/runs/{id}/redrive", "any-run")
        .then()
        .statusCode(403)
        .body("message", equalTo("redrive is off: no relay.redrive.credentials are configured"));
  }

  @Test
  void everyAnswerForbidsScriptsFromElsewhereAndThePagesAreServed() {
    for (String path : List.of("/", "/runs/any-id", "/api/v1/runs")) {
      given()
          .get(path)
          .then()
          .statusCode(200)
          .header(
              "Content-Security-Policy",
              equalTo(
                  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                      + " connect-src 'self'; base-uri 'none'; form-action 'none';"
                      + " frame-ancestors 'none'"))
          .header("X-Content-Type-Options", equalTo("nosniff"));
    }
    assertThat(given().get("/runs/any-id").then().extract().asString())
        .contains("<script src=\"/ui/run.js\" defer></script>")
        .doesNotContain("any-id");
  }

  /** How many runs the list holds now, every state and trigger. */
  private static int listTotal() {
    return json(given()
            .queryParam("size", 1)
            .get("/api/v1/runs")
            .then()
            .statusCode(200)
            .extract()
            .asString())
        .path("total")
        .asInt();
  }

  private static JsonNode json(String body) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
