package io.sparkrelay.reporter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.MessageIds;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.contract.events.ObjectRef;
import io.sparkrelay.contract.events.SparkRefused;
import io.sparkrelay.contract.events.SparkSubmitted;
import io.sparkrelay.contract.events.Unmatched;
import io.sparkrelay.contract.events.WorkflowCreated;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * Publishes the launcher's and the submitter's run events as they do: the contract's records
 * through its codec. The Workflows of the tests live in {@code default}.
 */
final class RunEvents {

  private static final String WORKFLOW_NAMESPACE = "default";

  private final String url;

  RunEvents(String url) {
    this.url = url;
  }

  void workflowCreated(String runId, String workflow, Instant received, Instant created) {
    publish(
        Subjects.WORKFLOW_CREATED,
        MessageIds.workflowCreated(runId, workflow),
        EventTypes.WORKFLOW_CREATED,
        Services.WORKFLOW_LAUNCHER,
        workflow,
        created,
        new WorkflowCreated(
            runId, "taxi", new ObjectRef(workflow, WORKFLOW_NAMESPACE), received.toString()));
  }

  void sparkSubmitted(String runId, String workflow, String application, Instant submitted) {
    publish(
        Subjects.SPARK_SUBMITTED,
        MessageIds.sparkSubmitted(runId, application),
        EventTypes.SPARK_SUBMITTED,
        Services.SPARK_SUBMITTER,
        "spark-team-a/" + application,
        submitted,
        new SparkSubmitted(
            runId,
            new ObjectRef(workflow, WORKFLOW_NAMESPACE),
            new ObjectRef(application, "spark-team-a")));
  }

  void unmatched(String runId, Instant received, Instant filtered, String reason) {
    publish(
        Subjects.UNMATCHED,
        MessageIds.unmatched(runId),
        EventTypes.UNMATCHED,
        Services.WORKFLOW_LAUNCHER,
        runId,
        filtered,
        new Unmatched(
            runId,
            EventTypes.SQS_MESSAGE,
            "q",
            received.toString(),
            List.of("taxi-trip", "pi"),
            reason));
  }

  void sparkRefused(String runId, String workflow, String rule, String reason, Instant at) {
    publish(
        Subjects.SPARK_REFUSED,
        MessageIds.sparkRefused(runId, workflow),
        EventTypes.SPARK_REFUSED,
        Services.SPARK_SUBMITTER,
        workflow,
        at,
        new SparkRefused(runId, new ObjectRef(workflow, WORKFLOW_NAMESPACE), rule, reason));
  }

  /**
   * A dead letter as a service stores it on RELAY_DEAD; {@code dataJson} is its data, as far as the
   * service wrote it.
   */
  void deadLetter(String service, String runId, Instant at, String dataJson) {
    try {
      publish(
          Subjects.deadLetters(service),
          MessageIds.deadLetter(runId, service, null),
          EventTypes.DEAD_LETTER,
          service,
          null,
          at,
          new ObjectMapper().readTree(dataJson));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private void publish(
      String subject,
      String id,
      String type,
      String service,
      String about,
      Instant time,
      Object data) {
    byte[] event =
        EventCodec.encode(
            new EventCodec.Envelope(id, type, Services.source(service), about, time), data);
    try (Connection connection = Nats.connect(url)) {
      connection
          .jetStream()
          .publish(subject, event, PublishOptions.builder().messageId(id).build());
    } catch (Exception e) {
      throw new IllegalStateException("publishing " + subject, e);
    }
  }
}
