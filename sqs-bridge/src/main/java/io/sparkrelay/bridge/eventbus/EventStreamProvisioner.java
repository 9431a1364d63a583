package io.sparkrelay.bridge.eventbus;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.quarkus.logging.Log;
import io.sparkrelay.bridge.config.BridgeConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Creates the event stream, or checks that an existing one keeps the bridge's promise: file
 * storage, new messages refused rather than old ones dropped when full, and a duplicate window at
 * least as long as the SQS visibility timeout (a message redelivered by SQS must still be
 * recognised).
 */
@ApplicationScoped
public class EventStreamProvisioner {

  private static final int STREAM_NOT_FOUND = 10059;

  private final BridgeConfig config;

  EventStreamProvisioner(BridgeConfig config) {
    this.config = config;
  }

  /**
   * The duplicate window the bridge needs: the configured one, raised to the visibility timeout.
   */
  public Duration requiredDuplicateWindow() {
    Duration visibility = Duration.ofSeconds(config.sqs().visibilityTimeoutSeconds());
    Duration configured = config.nats().stream().duplicateWindow();
    return configured.compareTo(visibility) >= 0 ? configured : visibility;
  }

  void ensure(JetStreamManagement jsm) throws IOException, JetStreamApiException {
    BridgeConfig.Stream stream = config.nats().stream();
    StreamInfo info;
    try {
      info = jsm.getStreamInfo(stream.name());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
      if (!config.nats().manageStreams()) {
        throw new IllegalStateException(
            "stream " + stream.name() + " does not exist and relay.nats.manage-streams=false");
      }
      jsm.addStream(desired());
      Log.infof("created stream %s", stream.name());
      return;
    }
    List<String> problems = problems(info.getConfiguration());
    if (problems.isEmpty()) {
      return;
    }
    if (!config.nats().manageStreams()) {
      throw new IllegalStateException(
          "stream " + stream.name() + " is not fit for the bridge: " + String.join("; ", problems));
    }
    StreamConfiguration updated =
        StreamConfiguration.builder(info.getConfiguration())
            .duplicateWindow(requiredDuplicateWindow())
            .discardPolicy(DiscardPolicy.New)
            .build();
    jsm.updateStream(updated);
    Log.infof("updated stream %s: %s", stream.name(), String.join("; ", problems));
    List<String> remaining = problems(jsm.getStreamInfo(stream.name()).getConfiguration());
    if (!remaining.isEmpty()) {
      throw new IllegalStateException(
          "stream " + stream.name() + " cannot be fixed: " + String.join("; ", remaining));
    }
  }

  StreamConfiguration desired() {
    BridgeConfig.Stream stream = config.nats().stream();
    return StreamConfiguration.builder()
        .name(stream.name())
        .subjects(stream.subjects().split(","))
        .storageType(StorageType.File)
        .discardPolicy(DiscardPolicy.New)
        .duplicateWindow(requiredDuplicateWindow())
        .maxAge(stream.maxAge())
        .replicas(stream.replicas())
        .build();
  }

  private List<String> problems(StreamConfiguration actual) {
    List<String> problems = new java.util.ArrayList<>();
    if (actual.getStorageType() != StorageType.File) {
      problems.add("storage is " + actual.getStorageType() + ", not File");
    }
    if (actual.getDiscardPolicy() != DiscardPolicy.New) {
      problems.add("discard policy is " + actual.getDiscardPolicy() + ", not New");
    }
    if (actual.getDuplicateWindow().compareTo(requiredDuplicateWindow()) < 0) {
      problems.add(
          "duplicate window "
              + actual.getDuplicateWindow()
              + " is shorter than "
              + requiredDuplicateWindow());
    }
    String sample = config.nats().stream().subjectPrefix() + ".queue";
    if (actual.getSubjects().stream()
        .noneMatch(pattern -> SubjectPattern.matches(pattern, sample))) {
      problems.add("subjects " + actual.getSubjects() + " do not take " + sample);
    }
    return problems;
  }
}
