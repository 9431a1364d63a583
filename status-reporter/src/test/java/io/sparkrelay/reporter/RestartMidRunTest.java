package io.sparkrelay.reporter;

import static io.restassured.RestAssured.given;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitReady;
import static io.sparkrelay.reporter.ReporterTestSupport.awaitState;
import static io.sparkrelay.reporter.ReporterTestSupport.endEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.sparkrelay.reporter.lifecycle.ReporterLifecycle;
import io.sparkrelay.testkit.InjectNatsServer;
import io.sparkrelay.testkit.KubernetesApiResource;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.NatsServerResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reporter stopped in the middle of runs and started again: everything it held in memory
 * (informer caches, consumers, the NATS connection, the run index) is thrown away, and what
 * happened meanwhile reaches it only through the API server, the stream and the bucket.
 */
@QuarkusTest
@WithTestResource(NatsServerResource.class)
@WithTestResource(KubernetesApiResource.class)
class RestartMidRunTest {

  @InjectNatsServer NatsServerProcess nats;
  @Inject KubernetesClient client;
  @Inject ReporterLifecycle reporter;

  @Test
  void runsGoingOnDuringARestartCompleteWithNothingLostOrReportedTwice() {
    awaitReady();
    Cluster cluster = new Cluster(client);
    RunEvents events = new RunEvents(nats.url());
    double completedBefore =
        MetricsProbe.value("relay_reporter_runs_total", "outcome=\"completed\"");

    RunScript ended = new RunScript(UUID.randomUUID().toString(), cluster, events);
    ended.successful().forEach(RunScript.Step::run);
    awaitState(ended.runId, "COMPLETED");
    RunScript midway = new RunScript(UUID.randomUUID().toString(), cluster, events);
    midway.untilRunning().forEach(RunScript.Step::run);
    awaitState(midway.runId, "DRIVER_RUNNING");
    await()
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> endEvents(nats.url(), ended.runId).size() == 1);

    reporter.stop();
    given().get("/q/health/ready").then().statusCode(503);
    assertThat(given().get("/api/v1/runs").then().extract().path("total").toString())
        .as("nothing kept in memory")
        .isEqualTo("0");

    // while it is away: the running run ends, its pods go away, a new run is received
    midway.toCompletion().forEach(RunScript.Step::run);
    cluster.deletePod(midway.driver);
    RunScript newcomer = new RunScript(UUID.randomUUID().toString(), cluster, events);
    newcomer.workflowCreatedEvent().run();

    reporter.start();
    awaitReady();

    JsonNode done = awaitState(midway.runId, "COMPLETED");
    assertThat(RunLifecycleTest.timeline(done))
        .as(
            "RECEIVED came only from an event consumed before the restart: it survived in the bucket")
        .containsExactlyElementsOf(RunLifecycleTest.COMPLETED_TIMELINE);
    assertThat(done.path("pods").findValuesAsText("name")).contains(midway.driver);
    JsonNode received = awaitState(newcomer.runId, "WORKFLOW_CREATED");
    assertThat(received.path("timeline").get(0).path("stage").asText()).isEqualTo("RECEIVED");

    await()
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> endEvents(nats.url(), midway.runId).size() == 1);
    await("nothing reported twice")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                endEvents(nats.url(), ended.runId).size() == 1
                    && endEvents(nats.url(), midway.runId).size() == 1);
    assertThat(MetricsProbe.value("relay_reporter_runs_total", "outcome=\"completed\""))
        .isEqualTo(completedBefore + 2);
    assertThat(awaitState(ended.runId, "COMPLETED").path("announced").asText())
        .isEqualTo("COMPLETED");
  }

  @Test
  void factsSeenWhileNatsIsAwayAreStoredWhenItComesBack() {
    awaitReady();
    Cluster cluster = new Cluster(client);
    RunEvents events = new RunEvents(nats.url());
    RunScript run = new RunScript(UUID.randomUUID().toString(), cluster, events);
    run.untilRunning().forEach(RunScript.Step::run);
    awaitState(run.runId, "DRIVER_RUNNING");

    nats.stop();
    await("not ready without NATS")
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> given().get("/q/health/ready").statusCode() == 503);
    run.toCompletion().forEach(RunScript.Step::run);
    nats.start();

    awaitReady();
    JsonNode done = awaitState(run.runId, "COMPLETED");
    assertThat(RunLifecycleTest.timeline(done))
        .containsExactlyElementsOf(RunLifecycleTest.COMPLETED_TIMELINE);
    await()
        .atMost(ReporterTestSupport.DEADLINE)
        .until(() -> endEvents(nats.url(), run.runId).size() == 1);
  }
}
