package io.sparkrelay.submitter.events;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.quarkus.logging.Log;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;

/**
 * Makes sure RELAY_RUNS exists: created when missing (if this service manages streams), otherwise
 * only verified to capture the subjects published to. An existing stream is never changed: the
 * launcher and the reporter create the same stream and whoever is first wins.
 */
@ApplicationScoped
public class RunStreamProvisioner {

  private static final int STREAM_NOT_FOUND = 10059;

  private final SubmitterConfig.Nats config;

  RunStreamProvisioner(SubmitterConfig config) {
    this.config = config.nats();
  }

  public void ensure(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    SubmitterConfig.Nats.Stream stream = config.stream();
    try {
      StreamInfo info = jsm.getStreamInfo(stream.name());
      if (!info.getConfiguration().getSubjects().contains(stream.subjects())) {
        Log.warnf(
            "stream %s captures %s, not %s",
            stream.name(), info.getConfiguration().getSubjects(), stream.subjects());
      }
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND || !config.manageStreams()) {
        throw e;
      }
      try {
        jsm.addStream(
            StreamConfiguration.builder()
                .name(stream.name())
                .subjects(stream.subjects())
                .storageType(StorageType.File)
                .duplicateWindow(stream.duplicateWindow())
                .maxAge(stream.maxAge())
                .replicas(stream.replicas())
                .build());
        Log.infof("created stream %s", stream.name());
      } catch (JetStreamApiException raced) {
        // another service created it between the lookup and the add
        jsm.getStreamInfo(stream.name());
      }
    }
  }
}
