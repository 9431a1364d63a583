package io.sparkrelay.launcher.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.quarkus.logging.Log;
import io.sparkrelay.launcher.config.LauncherConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;

/**
 * Creates the streams the launcher writes to when they are missing (RELAY_RUNS, RELAY_DEAD, with
 * the settings every Spark Relay service uses), and creates or updates its durable consumer on the
 * events stream, which the bridge owns.
 */
@ApplicationScoped
public class StreamProvisioner {

  public static final String RUNS_STREAM = "RELAY_RUNS";
  public static final String DEAD_STREAM = "RELAY_DEAD";

  private static final int STREAM_NOT_FOUND = 10059;
  private static final int STREAM_NAME_IN_USE = 10058;

  private final LauncherConfig config;

  StreamProvisioner(LauncherConfig config) {
    this.config = config;
  }

  public void ensureOutputStreams(JetStreamManagement jsm)
      throws IOException, JetStreamApiException {
    if (!config.nats().manageStreams()) {
      return;
    }
    ensure(
        jsm,
        StreamConfiguration.builder()
            .name(RUNS_STREAM)
            .subjects("relay.runs.>")
            .storageType(StorageType.File)
            .duplicateWindow(Duration.ofMinutes(2))
            .maxAge(Duration.ofDays(7))
            .build());
    ensure(
        jsm,
        StreamConfiguration.builder()
            .name(DEAD_STREAM)
            .subjects("relay.dead.>")
            .storageType(StorageType.File)
            .duplicateWindow(Duration.ofMinutes(2))
            .maxAge(Duration.ofDays(14))
            .build());
  }

  private static void ensure(JetStreamManagement jsm, StreamConfiguration desired)
      throws IOException, JetStreamApiException {
    try {
      StreamInfo info = jsm.getStreamInfo(desired.getName());
      if (!info.getConfiguration().getSubjects().containsAll(desired.getSubjects())) {
        Log.warnf(
            "stream %s exists with subjects %s, not %s: events may not be stored",
            desired.getName(), info.getConfiguration().getSubjects(), desired.getSubjects());
      }
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
      try {
        jsm.addStream(desired);
        Log.infof("created stream %s %s", desired.getName(), desired.getSubjects());
      } catch (JetStreamApiException raced) {
        if (raced.getApiErrorCode() != STREAM_NAME_IN_USE) {
          throw raced;
        }
      }
    }
  }

  /** The durable pull consumer as configured; throws while the events stream does not exist. */
  public ConsumerConfiguration consumerConfiguration() {
    LauncherConfig.Consumer consumer = config.consumer();
    return ConsumerConfiguration.builder()
        .durable(consumer.durableName())
        .filterSubject(consumer.filterSubject())
        .ackPolicy(io.nats.client.api.AckPolicy.Explicit)
        .deliverPolicy(io.nats.client.api.DeliverPolicy.All)
        .ackWait(consumer.ackWait())
        .maxDeliver(consumer.maxDeliver())
        .backoff(consumer.backoff().toArray(Duration[]::new))
        .maxAckPending(consumer.maxAckPending())
        .build();
  }

  public void ensureConsumer(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    LauncherConfig.Consumer consumer = config.consumer();
    ConsumerConfiguration desired = consumerConfiguration();
    try {
      jsm.getConsumerInfo(consumer.stream(), consumer.durableName());
    } catch (JetStreamApiException e) {
      // absent (or the stream is absent, which addOrUpdateConsumer reports)
      jsm.addOrUpdateConsumer(consumer.stream(), desired);
      Log.infof("created consumer %s on %s", consumer.durableName(), consumer.stream());
      return;
    }
    try {
      jsm.addOrUpdateConsumer(consumer.stream(), desired);
    } catch (JetStreamApiException e) {
      Log.warnf(
          "consumer %s exists and cannot be updated to the configuration (%s); using it as it is",
          consumer.durableName(), e.getMessage());
    }
  }
}
