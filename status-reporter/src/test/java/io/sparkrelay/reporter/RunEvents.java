package io.sparkrelay.reporter;

import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;

/** Publishes the launcher's and the submitter's run events as they would. */
final class RunEvents {

  private final String url;

  RunEvents(String url) {
    this.url = url;
  }

  void workflowCreated(String runId, String workflow, Instant received, Instant created) {
    publish(
        "relay.runs.workflow-created",
        runId + ":workflow-created:" + workflow,
        "workflow-launcher",
        created,
        """
        {"runId":"%s","trigger":"taxi","workflow":{"name":"%s","namespace":"default"},"eventTime":"%s"}
        """
            .formatted(runId, workflow, received));
  }

  void sparkSubmitted(String runId, String workflow, String application, Instant submitted) {
    publish(
        "relay.runs.spark-submitted",
        runId + ":spark-submitted:" + application,
        "spark-submitter",
        submitted,
        """
        {"runId":"%s","workflow":"%s","application":{"name":"%s","namespace":"spark-team-a"}}
        """
            .formatted(runId, workflow, application));
  }

  private void publish(String subject, String id, String service, Instant time, String data) {
    var event =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create("spark-relay/" + service))
            .withType("io.spark-relay.run." + subject.substring("relay.runs.".length()))
            .withTime(time.atOffset(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withData(data.getBytes(StandardCharsets.UTF_8))
            .build();
    try (Connection connection = Nats.connect(url)) {
      connection
          .jetStream()
          .publish(
              subject,
              new JsonFormat().serialize(event),
              PublishOptions.builder().messageId(id).build());
    } catch (Exception e) {
      throw new IllegalStateException("publishing " + subject, e);
    }
  }
}
