package io.sparkrelay.reporter.nats;

import io.nats.client.ConsumerContext;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.quarkus.logging.Log;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Subjects;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.observe.EventFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the launcher's and the submitter's run events from RELAY_RUNS with one durable consumer per
 * subject (nats-server 2.9 takes one filter per consumer), and every service's dead letters from
 * RELAY_DEAD. An event is acknowledged only once its facts are stored; one that cannot be stored
 * yet comes back after a delay; one that cannot be read is terminated. RELAY_DEAD belongs to the
 * launcher: while it does not exist yet, the run events are read and the dead letters are tried
 * again later.
 */
@ApplicationScoped
public class RunEventConsumer {

  private static final List<String> SUBJECTS =
      List.of(
          Subjects.WORKFLOW_CREATED,
          Subjects.SPARK_SUBMITTED,
          Subjects.UNMATCHED,
          Subjects.SPARK_REFUSED);

  /** JetStream's answer for a stream that does not exist. */
  private static final int STREAM_NOT_FOUND = 10059;

  private final NatsConnection nats;
  private final ReporterConfig.Nats config;
  private final RunFactSink tracker;
  private final List<MessageConsumer> consumers = new ArrayList<>();
  private MessageConsumer deadLetters;

  RunEventConsumer(NatsConnection nats, ReporterConfig config, RunFactSink tracker) {
    this.nats = nats;
    this.config = config.nats();
    this.tracker = tracker;
  }

  /** (Re)creates the durable consumers and starts consuming; stops earlier ones first. */
  public synchronized void start() throws IOException, JetStreamApiException {
    stop();
    String stream = config.runsStream().name();
    for (String subject : SUBJECTS) {
      consumers.add(consume(stream, subject, subject.substring(subject.lastIndexOf('.') + 1)));
    }
    startDeadLetters();
  }

  /** Starts reading the dead letters if that waits for RELAY_DEAD; called again and again. */
  public synchronized void startDeadLetters() throws IOException, JetStreamApiException {
    if (deadLetters != null || consumers.isEmpty()) {
      return;
    }
    String stream = config.deadStream().name();
    try {
      deadLetters = consume(stream, Subjects.DEAD_ALL, "dead-letters");
      Log.infof("reading dead letters from %s", stream);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
      Log.debugf("stream %s not there yet (the launcher makes it); trying again", stream);
    }
  }

  private MessageConsumer consume(String stream, String subject, String name)
      throws IOException, JetStreamApiException {
    String durable = config.consumer().durablePrefix() + "-" + name;
    nats.management()
        .addOrUpdateConsumer(
            stream,
            ConsumerConfiguration.builder()
                .durable(durable)
                .filterSubject(subject)
                .ackPolicy(AckPolicy.Explicit)
                .deliverPolicy(DeliverPolicy.All)
                .ackWait(config.consumer().ackWait())
                .maxDeliver(-1)
                .build());
    ConsumerContext context = nats.connection().getConsumerContext(stream, durable);
    return context.consume(this::handle);
  }

  /** Whether the dead letters are read (false while RELAY_DEAD does not exist). */
  public synchronized boolean readingDeadLetters() {
    return deadLetters != null && !deadLetters.isStopped();
  }

  void handle(Message message) {
    Optional<RunState> facts;
    try {
      facts =
          EventFacts.from(
              message.getSubject(),
              message.getData(),
              message.metaData().timestamp().toInstant(),
              message.metaData().streamSequence());
    } catch (RuntimeException e) {
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
      message.nakWithDelay(config.consumer().retryDelay());
    }
  }

  public synchronized boolean running() {
    return !consumers.isEmpty() && consumers.stream().noneMatch(MessageConsumer::isStopped);
  }

  public synchronized void stop() {
    if (deadLetters != null) {
      consumers.add(deadLetters);
      deadLetters = null;
    }
    for (MessageConsumer consumer : consumers) {
      try {
        consumer.close();
      } catch (Exception e) {
        Log.debugf("closing consumer: %s", e.getMessage());
      }
    }
    consumers.clear();
  }
}
