package io.sparkrelay.launcher.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.contract.events.DeadLetter;
import io.sparkrelay.contract.samples.GoldenSamples;
import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.RefusalCause;
import io.sparkrelay.launcher.rules.RelayEvent;
import io.sparkrelay.launcher.rules.TriggerRules;
import io.sparkrelay.launcher.workflow.WorkflowRenderer;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

  private final TriggerRules rules = ShippedRules.load();

  @Test
  void aParameterTheShippedPiRuleRefusesIsTheGoldenDeadLetter() throws Exception {
    // the event as the bridge stored it: the sample's original, as compact JSON
    byte[] original =
        new ObjectMapper()
            .writeValueAsBytes(
                GoldenSamples.tree(GoldenSamples.DEAD_LETTER_WORKFLOW_LAUNCHER)
                    .path("data")
                    .path("original"));
    RelayEvent event = IncomingEventParser.parse(original);
    EventRefusedException refused =
        catchThrowableOfType(
            EventRefusedException.class,
            () -> WorkflowRenderer.renderAll(rules.matching(event), event));
    assertThat(refused.refusalCause()).isEqualTo(RefusalCause.INVALID_PARAMETER);

    DeadLetter letter =
        DeadLetterPublisher.letter(
            event.id(),
            refused.refusalCause(),
            refused.getMessage(),
            event.time().toInstant(),
            event,
            original,
            1_048_576);
    OutgoingEvent written = DeadLetterPublisher.deadLetterEvent(letter, null);

    GoldenSamples.assertWrites(GoldenSamples.DEAD_LETTER_WORKFLOW_LAUNCHER, written.payload());
    assertThat(written.id()).isEqualTo(GoldenSamples.RUN_ID + ":dead:workflow-launcher");
    assertThat(written.subject()).isEqualTo("relay.dead.workflow-launcher");
  }

  @Test
  void theDeadLetterOfARedriveIsAnotherOne() {
    DeadLetter letter =
        DeadLetterPublisher.letter(
            "run-1", RefusalCause.GAVE_UP, "why", null, null, "{}".getBytes(), 1_048_576);

    assertThat(DeadLetterPublisher.deadLetterEvent(letter, "key-7").id())
        .isEqualTo("run-1:dead:workflow-launcher:redrive:key-7");
  }
}
