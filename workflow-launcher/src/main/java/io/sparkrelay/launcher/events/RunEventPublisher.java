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
import io.sparkrelay.launcher.workflow.RenderedWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Publishes {@code relay.runs.workflow-created} for the status-reporter once a Workflow exists. The
 * message id is fixed per run and Workflow, so the copy sent after a redelivery is dropped by the
 * stream's duplicate window.
 */
@ApplicationScoped
public class RunEventPublisher {

  static final String SUBJECT = "relay.runs.workflow-created";
  static final String TYPE = "io.spark-relay.run.workflow-created";
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
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(SOURCE)
            .withType(TYPE)
            .withSubject(workflow.name())
            .withTime(OffsetDateTime.now(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withData(JSON.writeValueAsBytes(data))
            .build();
    bus.jetStream()
        .publish(
            SUBJECT,
            FORMAT.serialize(event),
            PublishOptions.builder()
                .messageId(id)
                .expectedStream(StreamProvisioner.RUNS_STREAM)
                .build());
  }
}
