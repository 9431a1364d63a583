package io.sparkrelay.contract.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cloudevents.CloudEvent;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.MessageIds;
import io.sparkrelay.contract.RunNames;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.samples.GoldenSamples;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every golden sample reads into its record and is written back as the same event. */
class EventCodecTest {

  private static final String RUN = GoldenSamples.RUN_ID;
  private static final String WORKFLOW = RunNames.workflow("taxi-trip", RUN);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "workflow-created, io.sparkrelay.contract.events.WorkflowCreated",
    "unmatched, io.sparkrelay.contract.events.Unmatched",
    "spark-submitted, io.sparkrelay.contract.events.SparkSubmitted",
    "spark-refused, io.sparkrelay.contract.events.SparkRefused",
    "run-ended, io.sparkrelay.contract.events.RunEnded",
    "dead-letter-sqs-bridge, io.sparkrelay.contract.events.DeadLetter",
    "dead-letter-workflow-launcher, io.sparkrelay.contract.events.DeadLetter"
  })
  void aSampleReadsIntoItsRecordAndIsWrittenBackUnchanged(String sample, Class<?> type) {
    CloudEvent event = EventCodec.decode(GoldenSamples.bytes(sample));
    Object data = EventCodec.data(event, type);

    byte[] written =
        EventCodec.encode(
            new EventCodec.Envelope(
                event.getId(),
                event.getType(),
                event.getSource(),
                event.getSubject(),
                event.getTime().toInstant()),
            data);

    GoldenSamples.assertWrites(sample, written);
  }

  @Test
  void theSamplesFollowTheContractsNamesAndIds() {
    CloudEvent created = EventCodec.decode(GoldenSamples.bytes(GoldenSamples.WORKFLOW_CREATED));
    assertThat(created.getId()).isEqualTo(MessageIds.workflowCreated(RUN, WORKFLOW));
    assertThat(created.getType()).isEqualTo(EventTypes.WORKFLOW_CREATED);
    assertThat(created.getSource()).isEqualTo(Services.source(Services.WORKFLOW_LAUNCHER));
    assertThat(EventCodec.data(created, WorkflowCreated.class))
        .isEqualTo(
            new WorkflowCreated(
                RUN,
                "taxi-trip",
                new ObjectRef(WORKFLOW, "argo-workflows"),
                "2026-12-01T09:00:00Z"));

    CloudEvent submitted = EventCodec.decode(GoldenSamples.bytes(GoldenSamples.SPARK_SUBMITTED));
    String application = RunNames.application(WORKFLOW, "submit-spark");
    assertThat(submitted.getId()).isEqualTo(MessageIds.sparkSubmitted(RUN, application));
    assertThat(EventCodec.data(submitted, SparkSubmitted.class).application())
        .isEqualTo(new ObjectRef(application, "spark-team-a"));

    CloudEvent ended = EventCodec.decode(GoldenSamples.bytes(GoldenSamples.RUN_ENDED));
    assertThat(ended.getId()).isEqualTo(MessageIds.runEnded(RUN, "completed", 0));
    assertThat(ended.getType()).isEqualTo(EventTypes.runEnded("completed"));

    CloudEvent dead =
        EventCodec.decode(GoldenSamples.bytes(GoldenSamples.DEAD_LETTER_WORKFLOW_LAUNCHER));
    assertThat(dead.getId()).isEqualTo(MessageIds.deadLetter(RUN, "workflow-launcher", null));
    assertThat(EventCodec.data(dead, DeadLetter.class).original().path("id").asText())
        .isEqualTo(RUN);
    assertThat(Subjects.deadLetters(Services.SQS_BRIDGE)).isEqualTo("relay.dead.sqs-bridge");
  }

  @Test
  void aMessageThatIsNoCloudEventIsRefusedWithWhy() {
    assertThatThrownBy(() -> EventCodec.decode("not json".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not a structured JSON CloudEvent: ");
  }

  @Test
  void dataOfAnotherShapeIsRefusedWithTheEventsId() {
    CloudEvent event =
        EventCodec.decode(
            EventCodec.encode(
                new EventCodec.Envelope(
                    "id-1",
                    EventTypes.UNMATCHED,
                    Services.source(Services.WORKFLOW_LAUNCHER),
                    null,
                    Instant.parse("2026-12-01T09:00:00Z")),
                List.of("not", "an", "object")));
    assertThatThrownBy(() -> EventCodec.data(event, Unmatched.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event id-1 data is not a Unmatched");
  }
}
