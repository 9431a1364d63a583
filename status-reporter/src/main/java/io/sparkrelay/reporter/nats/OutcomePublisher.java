package io.sparkrelay.reporter.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Publishes a run's end as a CloudEvent on {@code relay.runs.<end state>}: {@code completed},
 * {@code failed}, {@code refused}, {@code dead-lettered}, {@code filtered} or {@code too-old}. The
 * message id {@code <runId>:<end state>} lets JetStream drop a repeat (another replica, or this one
 * after a restart, announcing the same end).
 */
@ApplicationScoped
public class OutcomePublisher {

  static final URI SOURCE = URI.create("spark-relay/status-reporter");

  private final NatsLink link;
  private final ReporterConfig config;
  private final ObjectMapper json;
  private final JsonFormat format = new JsonFormat();

  public OutcomePublisher(NatsLink link, ReporterConfig config, ObjectMapper json) {
    this.link = link;
    this.config = config;
    this.json = json;
  }

  /** Publishes the end of {@code run}; true when the stream took it as new, false for a repeat. */
  public boolean publish(RunState run) throws IOException, JetStreamApiException {
    Stage outcome = run.outcome().orElseThrow(() -> new IllegalArgumentException("run not ended"));
    String stage = outcome.label();
    // a redriven run's second end is another event
    String id = run.runId() + ":" + stage + (run.attempt() == 0 ? "" : ":attempt-" + run.attempt());
    Instant endedAt = run.timeOf(outcome);
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(SOURCE)
            .withType("io.spark-relay.run." + stage)
            .withSubject(run.runId())
            .withTime(endedAt.atOffset(ZoneOffset.UTC))
            .withDataContentType("application/json")
            .withData(json.writeValueAsBytes(OutcomeEvent.of(run)))
            .build();
    PublishAck ack =
        link.jetStream()
            .publish(
                "relay.runs." + stage,
                format.serialize(event),
                PublishOptions.builder()
                    .messageId(id)
                    .expectedStream(config.nats().stream().name())
                    .build());
    return !ack.isDuplicate();
  }
}
