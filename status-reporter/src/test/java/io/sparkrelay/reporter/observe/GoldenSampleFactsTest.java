package io.sparkrelay.reporter.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.samples.GoldenSamples;
import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.DeadLetter;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.FailureKind;
import io.sparkrelay.reporter.Origin;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Every event the reporter reads, as the contract's golden samples have it, fed as bytes through
 * the consumer's reading: the exact run state each one tells. The texts a service passes through
 * (reasons, bodies) are read from the sample; where they land, and every time and name, is pinned.
 */
class GoldenSampleFactsTest {

  static final String RUN = GoldenSamples.RUN_ID;
  static final String WORKFLOW = RunNames.workflow("taxi-trip", RUN);
  static final String APPLICATION = RunNames.application(WORKFLOW, "submit-spark");
  static final Instant RECEIVED = Instant.parse("2026-12-01T09:00:00Z");
  static final Instant LAUNCHED = Instant.parse("2026-12-01T09:00:00.120Z");
  static final Instant SUBMITTED = Instant.parse("2026-12-01T09:00:01.500Z");

  /** When the stream stored it: unused, every sample has a time of its own. */
  private static final Instant STORED = Instant.parse("2026-12-01T10:00:00Z");

  private static final long SEQUENCE = 42;

  /** The facts of sample {@code name} arriving on {@code subject}. */
  static RunState read(String name, String subject) {
    return EventFacts.from(subject, GoldenSamples.bytes(name), STORED, SEQUENCE).orElseThrow();
  }

  private static JsonNode data(String name) {
    return GoldenSamples.tree(name).path("data");
  }

  @Test
  void workflowCreatedGivesTheReceivedTimeTheTriggerAndTheWorkflow() {
    RunState run = read(GoldenSamples.WORKFLOW_CREATED, Subjects.WORKFLOW_CREATED);

    assertThat(run)
        .isEqualTo(
            RunState.of(RUN)
                .withWorkflow(WorkflowState.named(WORKFLOW, "argo-workflows"))
                .withTrigger("taxi-trip")
                .reached(Stage.RECEIVED, RECEIVED)
                .reached(Stage.WORKFLOW_CREATED, LAUNCHED));
    assertThat(run.state()).isEqualTo(Stage.WORKFLOW_CREATED);
  }

  @Test
  void unmatchedEndsTheRunFilteredWithTheLaunchersReason() {
    RunState run = read(GoldenSamples.UNMATCHED, Subjects.UNMATCHED);

    assertThat(run)
        .isEqualTo(
            RunState.of(RUN)
                .reached(Stage.RECEIVED, RECEIVED)
                .withFailure(
                    new Failure(
                        FailureKind.NO_MATCHING_RULE,
                        "no-matching-rule",
                        data(GoldenSamples.UNMATCHED).path("reason").asText(),
                        Origin.SERVICE,
                        "service/workflow-launcher",
                        false,
                        LAUNCHED))
                .reached(Stage.FILTERED, LAUNCHED));
    assertThat(run.state()).isEqualTo(Stage.FILTERED);
  }

  @Test
  void sparkSubmittedGivesTheWorkflowAndTheApplication() {
    RunState run = read(GoldenSamples.SPARK_SUBMITTED, Subjects.SPARK_SUBMITTED);

    assertThat(run)
        .isEqualTo(
            RunState.of(RUN)
                .withWorkflow(WorkflowState.named(WORKFLOW, "argo-workflows"))
                .withApplication(ApplicationState.named(APPLICATION, "spark-team-a"))
                .reached(Stage.SPARK_SUBMITTED, SUBMITTED));
  }

  @Test
  void sparkRefusedEndsTheRunRefusedByItsRule() {
    RunState run = read(GoldenSamples.SPARK_REFUSED, Subjects.SPARK_REFUSED);

    assertThat(run)
        .isEqualTo(
            RunState.of(RUN)
                .withWorkflow(WorkflowState.named(WORKFLOW, "argo-workflows"))
                .withFailure(
                    new Failure(
                        FailureKind.REFUSED_BY_SUBMITTER,
                        "max-executors",
                        data(GoldenSamples.SPARK_REFUSED).path("reason").asText(),
                        Origin.SERVICE,
                        "service/spark-submitter",
                        false,
                        SUBMITTED))
                .reached(Stage.REFUSED, SUBMITTED));
    assertThat(run.state()).isEqualTo(Stage.REFUSED);
  }

  @Test
  void theBridgesDeadLetterKeepsTheStartOfTheMessageAsItsBody() {
    JsonNode data = data(GoldenSamples.DEAD_LETTER_SQS_BRIDGE);

    RunState run =
        read(GoldenSamples.DEAD_LETTER_SQS_BRIDGE, Subjects.deadLetters(Services.SQS_BRIDGE));

    assertThat(run)
        .isEqualTo(
            RunState.of(RUN)
                .reached(Stage.RECEIVED, RECEIVED)
                .withDeadLetter(
                    new DeadLetter(
                        "sqs-bridge",
                        "payload-too-large",
                        data.path("reason").asText(),
                        data.path("original").asText(),
                        1_048_400L,
                        true,
                        Instant.parse("2026-12-01T09:00:00.050Z"),
                        SEQUENCE),
                    false));
    assertThat(run.state()).isEqualTo(Stage.DEAD_LETTERED);
  }

  @Test
  void theLaunchersDeadLetterKeepsTheBodyAndWhereTheOriginalIs() {
    JsonNode data = data(GoldenSamples.DEAD_LETTER_WORKFLOW_LAUNCHER);

    RunState run =
        read(
            GoldenSamples.DEAD_LETTER_WORKFLOW_LAUNCHER,
            Subjects.deadLetters(Services.WORKFLOW_LAUNCHER));

    assertThat(run)
        .isEqualTo(
            RunState.of(RUN)
                .reached(Stage.RECEIVED, RECEIVED)
                .withDeadLetter(
                    new DeadLetter(
                        "workflow-launcher",
                        "invalid-parameter",
                        data.path("reason").asText(),
                        data.path("body").asText(),
                        data.path("originalBytes").asLong(),
                        false,
                        LAUNCHED,
                        SEQUENCE),
                    false));
    assertThat(run.deadLetter().body()).startsWith("{\"job\":\"pi\"");
  }

  @Test
  void aWorkflowAsABareNameIsUnreadable() throws Exception {
    // the submitter's workflow was once a bare name: the contract knows only the object
    ObjectNode event = (ObjectNode) GoldenSamples.tree(GoldenSamples.SPARK_REFUSED);
    ((ObjectNode) event.path("data")).put("workflow", WORKFLOW);
    byte[] bareName = new ObjectMapper().writeValueAsBytes(event);

    assertThatThrownBy(() -> EventFacts.from(Subjects.SPARK_REFUSED, bareName, STORED, SEQUENCE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data is not a SparkRefused");
  }
}
