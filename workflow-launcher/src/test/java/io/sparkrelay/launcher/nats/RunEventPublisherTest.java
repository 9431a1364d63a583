package io.sparkrelay.launcher.nats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparkrelay.contract.samples.GoldenSamples;
import io.sparkrelay.launcher.rules.RelayEvent;
import io.sparkrelay.launcher.rules.TriggerRule;
import io.sparkrelay.launcher.rules.TriggerRules;
import io.sparkrelay.launcher.workflow.RenderedWorkflow;
import io.sparkrelay.launcher.workflow.WorkflowRenderer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run events the launcher writes for the bridge's golden event, under the shipped rules. */
class RunEventPublisherTest {

  private final TriggerRules rules = ShippedRules.load();

  @Test
  void theWorkflowCreatedForTheGoldenSqsMessageIsTheGoldenSample() throws Exception {
    RelayEvent event = IncomingEventParser.parse(GoldenSamples.bytes(GoldenSamples.SQS_MESSAGE));
    List<TriggerRule> matching = rules.matching(event);
    assertThat(matching).extracting(TriggerRule::name).containsExactly("taxi-trip");
    RenderedWorkflow workflow = WorkflowRenderer.renderAll(matching, event).getFirst();

    OutgoingEvent written = RunEventPublisher.workflowCreatedEvent(workflow, event);

    GoldenSamples.assertWrites(GoldenSamples.WORKFLOW_CREATED, written.payload());
    assertThat(written.id())
        .isEqualTo(GoldenSamples.tree(GoldenSamples.WORKFLOW_CREATED).path("id").asText());
    assertThat(written.subject()).isEqualTo("relay.runs.workflow-created");
  }

  @Test
  void anEventNoShippedRuleMatchesIsTheGoldenUnmatchedSample() throws Exception {
    RelayEvent golden = IncomingEventParser.parse(GoldenSamples.bytes(GoldenSamples.SQS_MESSAGE));
    RelayEvent event =
        new RelayEvent(
            golden.id(),
            golden.type(),
            golden.source(),
            golden.subject(),
            golden.time(),
            new ObjectMapper().readTree("{\"job\":\"word-count\"}"));
    assertThat(rules.matching(event)).isEmpty();

    OutgoingEvent written = RunEventPublisher.unmatchedEvent(event, rules.all());

    GoldenSamples.assertWrites(GoldenSamples.UNMATCHED, written.payload());
    assertThat(written.id()).isEqualTo(GoldenSamples.RUN_ID + ":unmatched");
    assertThat(written.subject()).isEqualTo("relay.runs.unmatched");
  }
}
