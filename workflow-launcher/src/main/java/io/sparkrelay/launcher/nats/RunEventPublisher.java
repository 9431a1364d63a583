package io.sparkrelay.launcher.nats;

import io.nats.client.JetStreamApiException;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.MessageIds;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.contract.events.EventCodec.Envelope;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.Unmatched;
import io.sparkrelay.contract.events.WorkflowCreated;
import io.sparkrelay.launcher.config.LauncherConfig;
import io.sparkrelay.launcher.rules.RelayEvent;
import io.sparkrelay.launcher.rules.TriggerRule;
import io.sparkrelay.launcher.workflow.RenderedWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Publishes the launcher's run events for the status-reporter: {@code relay.runs.workflow-created}
 * once a Workflow exists, {@code relay.runs.unmatched} for an event no rule matches. The message id
 * is fixed per run (and Workflow), so the copy sent after a redelivery is dropped by the stream's
 * duplicate window.
 */
@ApplicationScoped
public class RunEventPublisher {

  private final NatsConnection nats;
  private final String stream;

  RunEventPublisher(NatsConnection nats, LauncherConfig config) {
    this.nats = nats;
    this.stream = config.nats().runsStream().name();
  }

  public void workflowCreated(RenderedWorkflow workflow, RelayEvent origin)
      throws IOException, JetStreamApiException {
    workflowCreatedEvent(workflow, origin).publish(nats, stream);
  }

  /** The event matched no rule: what it was, and the rules it was held against. */
  public void filtered(RelayEvent event, List<TriggerRule> rules)
      throws IOException, JetStreamApiException {
    unmatchedEvent(event, rules).publish(nats, stream);
  }

  static OutgoingEvent workflowCreatedEvent(RenderedWorkflow workflow, RelayEvent origin) {
    String id = MessageIds.workflowCreated(workflow.runId(), workflow.name());
    WorkflowCreated data =
        new WorkflowCreated(
            workflow.runId(),
            workflow.rule().name(),
            new ObjectRef(workflow.name(), workflow.namespace()),
            rfc3339(origin.time()));
    return encode(
        Subjects.WORKFLOW_CREATED, EventTypes.WORKFLOW_CREATED, id, workflow.name(), data);
  }

  static OutgoingEvent unmatchedEvent(RelayEvent event, List<TriggerRule> rules) {
    List<String> names = rules.stream().map(TriggerRule::name).toList();
    String reason =
        "the message matches no trigger rule: its event (type '"
            + event.type()
            + "', source '"
            + event.source()
            + "') was held against "
            + (names.isEmpty() ? "no rules at all" : "the rules " + String.join(", ", names))
            + ", and no Workflow was created";
    Unmatched data =
        new Unmatched(
            event.id(), event.type(), event.source(), rfc3339(event.time()), names, reason);
    return encode(
        Subjects.UNMATCHED,
        EventTypes.UNMATCHED,
        MessageIds.unmatched(event.id()),
        event.id(),
        data);
  }

  /** As an instant with seconds ({@code OffsetDateTime.toString} leaves out zero seconds). */
  private static String rfc3339(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  private static OutgoingEvent encode(
      String subject, String type, String id, String about, Record data) {
    Envelope envelope =
        new Envelope(id, type, Services.source(Services.WORKFLOW_LAUNCHER), about, Instant.now());
    return new OutgoingEvent(subject, id, EventCodec.encode(envelope, data));
  }
}
