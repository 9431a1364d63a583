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

  void unmatched(String runId, Instant received, Instant filtered, String reason) {
    publish(
        "relay.runs.unmatched",
        runId + ":unmatched",
        "workflow-launcher",
        filtered,
        """
        {"runId":"%s","eventType":"io.spark-relay.sqs.message","eventSource":"q",
         "eventTime":"%s","rules":["taxi-trip","pi"],"reason":"%s"}
        """
            .formatted(runId, received, reason));
  }

  void sparkRefused(String runId, String workflow, String rule, String reason, Instant at) {
    publish(
        "relay.runs.spark-refused",
        runId + ":spark-refused:" + workflow,
        "spark-submitter",
        at,
        """
        {"runId":"%s","workflow":"%s","rule":"%s","reason":"%s"}
        """
            .formatted(runId, workflow, rule, reason));
  }

  /** A dead letter as a service stores it on RELAY_DEAD; {@code dataJson} is its data. */
  void deadLetter(String service, String runId, Instant at, String dataJson) {
    publish(
        "relay.dead." + service,
        runId + ":dead:" + service,
        service,
        at,
        "io.spark-relay.dead-letter",
        dataJson);
  }

  /** Makes RELAY_DEAD as the launcher does at its start, when it is missing. */
  void ensureDeadLetterStream() {
    try (Connection connection = Nats.connect(url)) {
      var management = connection.jetStreamManagement();
      if (!management.getStreamNames().contains("RELAY_DEAD")) {
        management.addStream(
            io.nats.client.api.StreamConfiguration.builder()
                .name("RELAY_DEAD")
                .subjects("relay.dead.>")
                .duplicateWindow(java.time.Duration.ofMinutes(2))
                .build());
      }
    } catch (Exception e) {
      throw new IllegalStateException("making RELAY_DEAD", e);
    }
  }

  private void publish(String subject, String id, String service, Instant time, String data) {
    publish(
        subject,
        id,
        service,
        time,
        "io.spark-relay.run." + subject.substring("relay.runs.".length()),
        data);
  }

  private void publish(
      String subject, String id, String service, Instant time, String type, String data) {
    var event =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create("spark-relay/" + service))
            .withType(type)
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
