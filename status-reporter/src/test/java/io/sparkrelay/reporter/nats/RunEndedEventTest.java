package io.sparkrelay.reporter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.samples.GoldenSamples;
import io.sparkrelay.reporter.Redrive;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.observe.EventFacts;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The end the reporter announces, as the contract's golden sample has it: the run the launcher's
 * and the submitter's samples tell, whose two executors ran and which completed at 09:03.
 */
class RunEndedEventTest {

  private static RunState sample(String name, String subject) {
    return EventFacts.from(subject, GoldenSamples.bytes(name), Instant.EPOCH, 1).orElseThrow();
  }

  @Test
  void aCompletedRunIsAnnouncedAsTheGoldenSample() {
    RunState run =
        sample(GoldenSamples.WORKFLOW_CREATED, Subjects.WORKFLOW_CREATED)
            .merge(sample(GoldenSamples.SPARK_SUBMITTED, Subjects.SPARK_SUBMITTED))
            .withExecutor("taxi-trip-8422d8312e-spark-exec-1", "COMPLETED")
            .withExecutor("taxi-trip-8422d8312e-spark-exec-2", "COMPLETED")
            .reached(Stage.COMPLETED, Instant.parse("2026-12-01T09:03:00Z"));

    OutcomePublisher.Ended ended = OutcomePublisher.Ended.of(run);

    assertThat(ended.subject()).isEqualTo("relay.runs.completed");
    assertThat(ended.id()).isEqualTo(GoldenSamples.RUN_ID + ":completed");
    GoldenSamples.assertWrites(GoldenSamples.RUN_ENDED, ended.event());
  }

  @Test
  void theEndOfARedrivenRunIsAnotherEvent() {
    RunState run =
        sample(GoldenSamples.WORKFLOW_CREATED, Subjects.WORKFLOW_CREATED)
            .withRedrive(new Redrive("k-1", "operator", Instant.parse("2026-12-01T09:01:00Z")))
            .reached(Stage.COMPLETED, Instant.parse("2026-12-01T09:03:00Z"));

    assertThat(OutcomePublisher.Ended.of(run).id())
        .isEqualTo(GoldenSamples.RUN_ID + ":completed:attempt-1");
  }
}
