package io.sparkrelay.reporter.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.EventTypes;
import io.sparkrelay.contract.MessageIds;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.contract.events.EventCodec;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Publishes a run's end as the contract's run-ended event on {@code relay.runs.<end state>}: {@code
 * completed}, {@code failed}, {@code refused}, {@code dead-lettered}, {@code filtered} or {@code
 * too-old}. The message id {@code <runId>:<end state>} lets JetStream drop a repeat (another
 * replica, or this one after a restart, announcing the same end).
 */
@ApplicationScoped
public class OutcomePublisher {

  private final NatsConnection nats;
  private final String stream;

  public OutcomePublisher(NatsConnection nats, ReporterConfig config) {
    this.nats = nats;
    this.stream = config.nats().runsStream().name();
  }

  /** Publishes the end of {@code run}; true when the stream took it as new, false for a repeat. */
  public boolean publish(RunState run) throws IOException, JetStreamApiException {
    Ended ended = Ended.of(run);
    PublishAck ack =
        nats.jetStream()
            .publish(
                ended.subject(),
                ended.event(),
                PublishOptions.builder().messageId(ended.id()).expectedStream(stream).build());
    return !ack.isDuplicate();
  }

  /** The end event of a run: its subject, id (also the Nats-Msg-Id) and CloudEvent. */
  record Ended(String subject, String id, byte[] event) {

    static Ended of(RunState run) {
      String outcome =
          run.outcome().orElseThrow(() -> new IllegalArgumentException("run not ended")).label();
      // a redriven run's second end is another event
      String id = MessageIds.runEnded(run.runId(), outcome, run.attempt());
      EventCodec.Envelope envelope =
          new EventCodec.Envelope(
              id,
              EventTypes.runEnded(outcome),
              Services.source(Services.STATUS_REPORTER),
              run.runId(),
              run.timeOf(run.outcome().orElseThrow()));
      return new Ended(
          Subjects.runEnded(outcome), id, EventCodec.encode(envelope, RunEndedData.of(run)));
    }
  }
}
