package io.sparkrelay.reporter.nats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.quarkus.logging.Log;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.observe.RunEventFacts;
import io.sparkrelay.reporter.tracking.RunTracker;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the launcher's and the submitter's run events from RELAY_RUNS with one durable consumer per
 * subject (nats-server 2.9 takes one filter per consumer). An event is acknowledged only once its
 * facts are stored; one that cannot be stored yet comes back after a delay; one that cannot be read
 * is terminated.
 */
@ApplicationScoped
public class RunEventConsumer {

  private static final List<String> SUBJECTS =
      List.of(RunEventFacts.WORKFLOW_CREATED, RunEventFacts.SPARK_SUBMITTED);

  private final NatsLink link;
  private final ReporterConfig config;
  private final RunTracker tracker;
  private final ObjectMapper json;
  private final JsonFormat format = new JsonFormat();
  private final List<MessageConsumer> consumers = new ArrayList<>();

  RunEventConsumer(NatsLink link, ReporterConfig config, RunTracker tracker, ObjectMapper json) {
    this.link = link;
    this.config = config;
    this.tracker = tracker;
    this.json = json;
  }

  /** (Re)creates the durable consumers and starts consuming; stops earlier ones first. */
  public synchronized void start() throws IOException, JetStreamApiException {
    stop();
    String stream = config.nats().stream().name();
    for (String subject : SUBJECTS) {
      String durable =
          config.nats().consumer().durablePrefix()
              + "-"
              + subject.substring(subject.lastIndexOf('.') + 1);
      link.management()
          .addOrUpdateConsumer(
              stream,
              ConsumerConfiguration.builder()
                  .durable(durable)
                  .filterSubject(subject)
                  .ackPolicy(AckPolicy.Explicit)
                  .deliverPolicy(DeliverPolicy.All)
                  .ackWait(config.nats().consumer().ackWait())
                  .maxDeliver(-1)
                  .build());
      ConsumerContext context = link.connection().getConsumerContext(stream, durable);
      consumers.add(context.consume(this::handle));
    }
  }

  void handle(Message message) {
    Optional<RunState> facts;
    try {
      CloudEvent event = format.deserialize(message.getData());
      JsonNode data = data(event);
      Instant time = event.getTime() == null ? null : event.getTime().toInstant();
      facts =
          data == null ? Optional.empty() : RunEventFacts.from(message.getSubject(), time, data);
    } catch (IOException | RuntimeException e) {
      Log.warnf("unreadable event on %s, dropped: %s", message.getSubject(), e.getMessage());
      message.term();
      return;
    }
    if (facts.isEmpty()) {
      Log.warnf("event on %s without a run id, dropped", message.getSubject());
      message.term();
      return;
    }
    if (tracker.tryApply(facts.get())) {
      message.ack();
    } else {
      message.nakWithDelay(config.nats().consumer().retryDelay());
    }
  }

  public synchronized boolean running() {
    return !consumers.isEmpty() && consumers.stream().noneMatch(MessageConsumer::isStopped);
  }

  public synchronized void stop() {
    for (MessageConsumer consumer : consumers) {
      try {
        consumer.close();
      } catch (Exception e) {
        Log.debugf("closing consumer: %s", e.getMessage());
      }
    }
    consumers.clear();
  }

  /** The event's JSON data; the format has parsed it already unless it was declared otherwise. */
  private JsonNode data(CloudEvent event) throws IOException {
    if (event.getData() instanceof JsonCloudEventData parsed) {
      return parsed.getNode();
    }
    return event.getData() == null ? null : json.readTree(event.getData().toBytes());
  }
}
