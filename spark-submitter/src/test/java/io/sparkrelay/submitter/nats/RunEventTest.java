package io.sparkrelay.submitter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.samples.GoldenSamples;
import org.junit.jupiter.api.Test;

/** Both events as the contract's golden samples have them, and the bound on a reason. */
class RunEventTest {

  private static final String WORKFLOW = RunNames.workflow("taxi-trip", GoldenSamples.RUN_ID);
  private static final ObjectRef WORKFLOW_REF = new ObjectRef(WORKFLOW, "argo-workflows");

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void sparkSubmittedIsTheGoldenSample() {
    String application = RunNames.application(WORKFLOW, "submit-spark");
    RunEvent event =
        RunEvent.sparkSubmitted(
            GoldenSamples.RUN_ID, WORKFLOW_REF, new ObjectRef(application, "spark-team-a"));

    assertThat(event.kind().subject()).isEqualTo("relay.runs.spark-submitted");
    assertThat(event.kind().id()).isEqualTo("spark-submitted");
    assertThat(event.id())
        .isEqualTo(GoldenSamples.RUN_ID + ":spark-submitted:taxi-trip-8422d8312e-spark");
    GoldenSamples.assertWrites(GoldenSamples.SPARK_SUBMITTED, event.payload());
  }

  @Test
  void sparkRefusedIsTheGoldenSample() {
    RunEvent event =
        RunEvent.sparkRefused(
            GoldenSamples.RUN_ID,
            WORKFLOW_REF,
            "max-executors",
            "50 executors asked, at most 10 allowed");

    assertThat(event.kind().subject()).isEqualTo("relay.runs.spark-refused");
    assertThat(event.kind().id()).isEqualTo("spark-refused");
    assertThat(event.id()).isEqualTo(GoldenSamples.RUN_ID + ":spark-refused:taxi-trip-8422d8312e");
    GoldenSamples.assertWrites(GoldenSamples.SPARK_REFUSED, event.payload());
  }

  @Test
  void aLongReasonIsCutTo1000CharactersWithAnEllipsis() throws Exception {
    String reason = "r".repeat(5000);

    String sent =
        json.readTree(
                RunEvent.sparkRefused("run-1", WORKFLOW_REF, "invalid-request", reason).payload())
            .at("/data/reason")
            .asText();

    assertThat(sent).hasSize(1000).isEqualTo("r".repeat(999) + "…");
    assertThat(RunEvent.atMost(1000, "r".repeat(1000))).isEqualTo("r".repeat(1000));
  }

  @Test
  void aCutNeverSplitsACharacter() {
    String clefs = "a" + "\uD834\uDD1E".repeat(10); // 21 chars, surrogate pairs from index 1

    assertThat(RunEvent.atMost(4, clefs)).isEqualTo("a" + "\uD834\uDD1E" + "…");
    assertThat(RunEvent.atMost(5, clefs)).isEqualTo("a" + "\uD834\uDD1E" + "…");
  }
}
