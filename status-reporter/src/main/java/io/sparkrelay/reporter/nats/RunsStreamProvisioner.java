package io.sparkrelay.reporter.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.quarkus.logging.Log;
import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/** Creates the RELAY_RUNS stream when it is missing (launcher and submitter do the same). */
@ApplicationScoped
public class RunsStreamProvisioner {

  static final int STREAM_NOT_FOUND = 10059;

  private final ReporterConfig config;

  private volatile boolean present;

  public RunsStreamProvisioner(ReporterConfig config) {
    this.config = config;
  }

  public void ensure(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    ReporterConfig.Stream stream = config.nats().stream();
    try {
      jsm.getStreamInfo(stream.name());
      present = true;
      return;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
    }
    if (!config.nats().manageStreams()) {
      throw new IllegalStateException(
          "stream " + stream.name() + " does not exist and relay.nats.manage-streams=false");
    }
    try {
      jsm.addStream(
          StreamConfiguration.builder()
              .name(stream.name())
              .subjects(stream.subjects().split(","))
              .storageType(StorageType.File)
              .duplicateWindow(stream.duplicateWindow())
              .maxAge(stream.maxAge())
              .replicas(stream.replicas())
              .build());
      Log.infof("created stream %s", stream.name());
    } catch (JetStreamApiException e) {
      // another service may have created it a moment ago
      jsm.getStreamInfo(stream.name());
    }
    present = true;
  }

  /**
   * Asks the server now whether the stream exists and remembers the answer for {@link
   * #lastSeenPresent()}; called in the background, never from a probe.
   */
  public boolean refresh(JetStreamManagement jsm) {
    boolean found;
    try {
      jsm.getStreamInfo(config.nats().stream().name());
      found = true;
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      found = false;
    }
    present = found;
    return found;
  }

  /** The last answer of {@link #refresh} (or of a successful {@link #ensure}). */
  public boolean lastSeenPresent() {
    return present;
  }
}
