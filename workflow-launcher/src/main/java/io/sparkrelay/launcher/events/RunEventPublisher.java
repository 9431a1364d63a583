package io.sparkrelay.launcher.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.sparkrelay.launcher.nats.EventBusConnection;
import io.sparkrelay.launcher.nats.StreamProvisioner;
import io.sparkrelay.launcher.rules.RelayEvent;
import io.sparkrelay.launcher.rules.TriggerRule;
import io.sparkrelay.launcher.workflow.RenderedWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Publishes the launcher's run events for the status-reporter: {@code relay.runs.workflow-created}
 * once a Workflow exists, {@code relay.runs.unmatched} for an event no rule matches. The message id
 * is fixed per run (and Workflow), so the copy sent after a redelivery is dropped by the stream's
 * duplicate window.
 */
@ApplicationScoped
public class RunEventPublisher {

  static final String SUBJECT = "relay.runs.workflow-created";
  static final String TYPE = "io.spark-relay.run.workflow-created";
  static final String UNMATCHED_SUBJECT = "relay.runs.unmatched";
  static final String UNMATCHED_TYPE = "io.spark-relay.run.unmatched";
  public static final URI SOURCE = URI.create("spark-relay/workflow-launcher");

  private static final JsonFormat FORMAT = new JsonFormat();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EventBusConnection bus;

  RunEventPublisher(EventBusConnection bus) {
    this.bus = bus;
  }

  public void workflowCreated(RenderedWorkflow workflow, RelayEvent origin)
      throws IOException, JetStreamApiException {
    String id = workflow.runId() + ":workflow-created:" + workflow.name();
    ObjectNode data = JSON.createObjectNode();
    data.put("runId", workflow.runId());
    data.put("trigger", workflow.rule().name());
    data.putObject("workflow").put("name", workflow.name()).put("namespace", workflow.namespace());
    data.put("eventTime", origin.time() == null ? null : origin.time().toString());
    publish(SUBJECT, TYPE, id, workflow.name(), data);
  }

  /** The event matched no rule: what it was, and the rules it was held against. */
  public void filtered(RelayEvent event, List<TriggerRule> rules)
      throws IOException, JetStreamApiException {
    String id = event.id() + ":unmatched";
    List<String> names = rules.stream().map(TriggerRule::name).toList();
    ObjectNode data = JSON.createObjectNode();
    data.put("runId", event.id());
    data.put("eventType", event.type());
    data.put("eventSource", event.source());
    data.put("eventTime", event.time() == null ? null : event.time().toInstant().toString());
    names.forEach(data.putArray("rules")::add);
    data.put(
        "reason",
        "the message matches no trigger rule: its event (type '"
            + event.type()
            + "', source '"
            + event.source()
            + "') was held against "
            + (names.isEmpty() ? "no rules at all" : "the rules " + String.join(", ", names))
            + ", and no Workflow was created");
    publish(UNMATCHED_SUBJECT, UNMATCHED_TYPE, id, event.id(), data);
  }

  private void publish(String subject, String type, String id, String about, ObjectNode data)
      throws IOException, JetStreamApiException {
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(SOURCE)
            .withType(type)
            .withSubject(about)
            .withTime(OffsetDateTime.now(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withData(JSON.writeValueAsBytes(data))
            .build();
    bus.jetStream()
        .publish(
            subject,
            FORMAT.serialize(event),
            PublishOptions.builder()
                .messageId(id)
                .expectedStream(StreamProvisioner.RUNS_STREAM)
                .build());
  }
}
