package io.sparkrelay.launcher.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.quarkus.logging.Log;
import io.sparkrelay.common.nats.NatsSettings;
import io.sparkrelay.common.nats.StreamSetup;
import io.sparkrelay.launcher.config.LauncherConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;

/**
 * What the launcher needs on the server before it pulls: the streams it writes to (RELAY_RUNS,
 * RELAY_DEAD, as the contract specifies them), and its durable consumer on the events stream, which
 * the bridge owns.
 */
@ApplicationScoped
public class JetStreamSetup {

  private final NatsSettings nats;
  private final LauncherConfig.Consumer consumer;

  JetStreamSetup(LauncherConfig config) {
    this.nats = config.nats();
    this.consumer = config.consumer();
  }

  /**
   * @throws IllegalStateException a stream is missing or unfit and may not be fixed here
   * @throws JetStreamApiException among others while the events stream does not exist
   */
  public void ensure(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    StreamSetup.ensure(jsm, nats.runsStream(), nats.manageStreams());
    StreamSetup.ensure(jsm, nats.deadStream(), nats.manageStreams());
    ensureConsumer(jsm);
  }

  /** The events stream the consumer reads. */
  public String eventsStream() {
    return nats.eventsStream().name();
  }

  /** The durable pull consumer as configured. */
  public ConsumerConfiguration consumerConfiguration() {
    return ConsumerConfiguration.builder()
        .durable(consumer.durableName())
        .filterSubject(consumer.filterSubject())
        .ackPolicy(AckPolicy.Explicit)
        .deliverPolicy(DeliverPolicy.All)
        .ackWait(consumer.ackWait())
        .maxDeliver(consumer.maxDeliver())
        .backoff(consumer.backoff().toArray(Duration[]::new))
        .maxAckPending(consumer.maxAckPending())
        .build();
  }

  private void ensureConsumer(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    String stream = eventsStream();
    ConsumerConfiguration desired = consumerConfiguration();
    try {
      jsm.getConsumerInfo(stream, consumer.durableName());
    } catch (JetStreamApiException e) {
      // absent (or the stream is absent, which addOrUpdateConsumer reports)
      jsm.addOrUpdateConsumer(stream, desired);
      Log.infof("created consumer %s on %s", consumer.durableName(), stream);
      return;
    }
    try {
      jsm.addOrUpdateConsumer(stream, desired);
    } catch (JetStreamApiException e) {
      Log.warnf(
          "consumer %s exists and cannot be updated to the configuration (%s); using it as it is",
          consumer.durableName(), e.getMessage());
    }
  }
}
