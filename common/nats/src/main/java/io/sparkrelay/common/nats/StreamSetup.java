package io.sparkrelay.common.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import io.sparkrelay.contract.StreamSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Makes a stream what its spec says, the same way in every service: created when missing, or
 * checked when it exists (file storage, the spec's discard policy, a duplicate window at least the
 * spec's, subjects that take the spec's). With {@code manage} off nothing is created or changed: a
 * missing or unfit stream is an error naming what is wrong. Several services ensure the same
 * stream; whoever comes first creates it.
 */
public final class StreamSetup {

  private static final Logger LOG = Logger.getLogger(StreamSetup.class);
  private static final int STREAM_NOT_FOUND = 10059;
  private static final int STREAM_NAME_IN_USE = 10058;

  private StreamSetup() {}

  /**
   * @throws IllegalStateException when the stream is missing or unfit and may not be fixed here
   */
  public static void ensure(JetStreamManagement jsm, StreamSpec spec, boolean manage)
      throws IOException, JetStreamApiException {
    StreamInfo info = find(jsm, spec.name());
    if (info == null) {
      if (!manage) {
        throw new IllegalStateException(
            "stream " + spec.name() + " does not exist and relay.nats.manage-streams=false");
      }
      create(jsm, spec);
      return;
    }
    List<String> problems = problems(info.getConfiguration(), spec);
    if (problems.isEmpty()) {
      if (info.getConfiguration().getReplicas() != spec.replicas()) {
        LOG.infof(
            "stream %s has %d replicas, this service would create it with %d; left as it is",
            spec.name(), info.getConfiguration().getReplicas(), spec.replicas());
      }
      return;
    }
    if (!manage) {
      throw new IllegalStateException(
          "stream " + spec.name() + " is not as it must be: " + String.join("; ", problems));
    }
    StreamConfiguration current = info.getConfiguration();
    StreamConfiguration.Builder fixed =
        StreamConfiguration.builder(current)
            .discardPolicy(discard(spec))
            .duplicateWindow(
                current.getDuplicateWindow().compareTo(spec.duplicateWindow()) >= 0
                    ? current.getDuplicateWindow()
                    : spec.duplicateWindow());
    if (!takesAll(current.getSubjects(), spec.subjects())) {
      // the spec's subjects, and the stream's own that they do not already cover (NATS refuses
      // overlapping subjects in one stream)
      List<String> subjects = new ArrayList<>(spec.subjects());
      current.getSubjects().stream()
          .filter(own -> spec.subjects().stream().noneMatch(w -> SubjectPattern.covers(w, own)))
          .forEach(subjects::add);
      fixed.subjects(subjects);
    }
    jsm.updateStream(fixed.build());
    LOG.infof("updated stream %s: %s", spec.name(), String.join("; ", problems));
    List<String> remaining = problems(jsm.getStreamInfo(spec.name()).getConfiguration(), spec);
    if (!remaining.isEmpty()) {
      throw new IllegalStateException(
          "stream " + spec.name() + " cannot be fixed: " + String.join("; ", remaining));
    }
  }

  /** Whether the stream exists, asked of the server now. */
  public static boolean exists(JetStreamManagement jsm, String name)
      throws IOException, JetStreamApiException {
    return find(jsm, name) != null;
  }

  /** The server's configuration for {@code spec}, as this service would create it. */
  public static StreamConfiguration configuration(StreamSpec spec) {
    return StreamConfiguration.builder()
        .name(spec.name())
        .subjects(spec.subjects())
        .storageType(StorageType.File)
        .discardPolicy(discard(spec))
        .duplicateWindow(spec.duplicateWindow())
        .maxAge(spec.maxAge())
        .replicas(spec.replicas())
        .build();
  }

  private static StreamInfo find(JetStreamManagement jsm, String name)
      throws IOException, JetStreamApiException {
    try {
      return jsm.getStreamInfo(name);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == STREAM_NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private static void create(JetStreamManagement jsm, StreamSpec spec)
      throws IOException, JetStreamApiException {
    try {
      jsm.addStream(configuration(spec));
      LOG.infof("created stream %s %s", spec.name(), spec.subjects());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NAME_IN_USE) {
        throw e;
      }
      // another service created it between the look-up and the add: check that one
      ensure(jsm, spec, false);
    }
  }

  static List<String> problems(StreamConfiguration actual, StreamSpec spec) {
    List<String> problems = new ArrayList<>();
    if (actual.getStorageType() != StorageType.File) {
      problems.add("storage is " + actual.getStorageType() + ", not " + StorageType.File);
    }
    if (actual.getDiscardPolicy() != discard(spec)) {
      problems.add("discard policy is " + actual.getDiscardPolicy() + ", not " + discard(spec));
    }
    if (actual.getDuplicateWindow().compareTo(spec.duplicateWindow()) < 0) {
      problems.add(
          "duplicate window "
              + actual.getDuplicateWindow()
              + " is shorter than "
              + spec.duplicateWindow());
    }
    if (!takesAll(actual.getSubjects(), spec.subjects())) {
      problems.add("subjects " + actual.getSubjects() + " do not take " + spec.subjects());
    }
    return problems;
  }

  private static boolean takesAll(List<String> patterns, List<String> wanted) {
    return wanted.stream()
        .allMatch(w -> patterns.stream().anyMatch(p -> SubjectPattern.covers(p, w)));
  }

  private static DiscardPolicy discard(StreamSpec spec) {
    return spec.discard() == StreamSpec.Discard.NEW ? DiscardPolicy.New : DiscardPolicy.Old;
  }
}
