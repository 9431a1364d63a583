package io.sparkrelay.reporter.nats;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.StorageType;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import io.quarkus.logging.Log;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The {@code relay-runs} key-value bucket: one JSON entry per run, written only with a revision
 * check so that two replicas merging into the same run never overwrite each other.
 */
@ApplicationScoped
public class RunBucket {

  /** JetStream's answer when the expected revision is not the current one. */
  static final int WRONG_LAST_SEQUENCE = 10071;

  private static final Pattern VALID_KEY = Pattern.compile("[-_=a-zA-Z0-9]+");

  private final ReporterConfig.Nats config;
  private final String name;
  private final NatsConnection nats;
  private final ObjectMapper json;
  private volatile BoundBucket bound;
  private final LastSeen present = new LastSeen();

  public RunBucket(ReporterConfig config, NatsConnection nats, ObjectMapper json) {
    this.config = config.nats();
    this.name = config.nats().bucketName();
    this.nats = nats;
    this.json = json;
  }

  public String name() {
    return name;
  }

  /** Creates the bucket when missing, on {@code relay.nats.replicas} servers. */
  public void ensure() throws IOException, JetStreamApiException {
    KeyValueManagement kvm = nats.connection().keyValueManagement();
    if (kvm.getBucketNames().contains(name)) {
      present.found();
      return;
    }
    if (!config.manageStreams()) {
      throw new IllegalStateException(
          "bucket " + name + " does not exist and relay.nats.manage-streams=false");
    }
    kvm.create(
        KeyValueConfiguration.builder()
            .name(name)
            .maxHistoryPerKey(1)
            .ttl(config.bucket().maxAge())
            .storageType(StorageType.File)
            .replicas(config.replicas())
            .build());
    Log.infof("created key-value bucket %s", name);
    present.found();
  }

  /**
   * Asks the server now whether the bucket exists and remembers the answer for {@link
   * #lastSeenPresent()}; called in the background, never from a probe.
   */
  public boolean refresh() {
    return present.ask(
        () -> {
          nats.connection().keyValueManagement().getStatus(name);
          return true;
        });
  }

  /** The last answer of {@link #refresh} (or of a successful {@link #ensure}). */
  public boolean lastSeenPresent() {
    return present.present();
  }

  /** The bucket handle, made once per connection (making one asks the server). */
  private KeyValue kv() throws IOException {
    if (!nats.isConnected()) {
      // fail at once rather than wait for a request timeout: the caller stores the fact later
      throw new IOException("NATS not connected");
    }
    Connection connection = nats.connection();
    BoundBucket bound = this.bound;
    if (bound == null || bound.connection() != connection) {
      bound = new BoundBucket(connection, connection.keyValue(name));
      this.bound = bound;
    }
    return bound.kv();
  }

  private record BoundBucket(Connection connection, KeyValue kv) {}

  public Optional<StoredRun> get(String runId) throws IOException, JetStreamApiException {
    KeyValueEntry entry = kv().get(key(runId));
    if (entry == null || entry.getOperation() != KeyValueOperation.PUT) {
      return Optional.empty();
    }
    return Optional.of(new StoredRun(read(entry.getValue()), entry.getRevision()));
  }

  /**
   * Writes {@code state} if the run is still at {@code expected} (null: not stored yet). Returns
   * false when someone else wrote first; the caller merges again and retries.
   */
  public boolean put(RunState state, StoredRun expected) throws IOException, JetStreamApiException {
    byte[] value = json.writeValueAsBytes(state);
    try {
      if (expected == null) {
        kv().create(key(state.runId()), value);
      } else {
        kv().update(key(state.runId()), value, expected.revision());
      }
      return true;
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() == WRONG_LAST_SEQUENCE) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Hands every stored run, then every change, to {@code listener} with when it was stored; {@code
   * replayed} runs once the stored runs have all been handed over.
   */
  public NatsKeyValueWatchSubscription watch(
      BiConsumer<RunState, Instant> listener, Runnable replayed)
      throws IOException, JetStreamApiException, InterruptedException {
    return kv().watchAll(
            new KeyValueWatcher() {
              @Override
              public void watch(KeyValueEntry entry) {
                if (entry.getOperation() == KeyValueOperation.PUT) {
                  try {
                    listener.accept(read(entry.getValue()), entry.getCreated().toInstant());
                  } catch (RuntimeException e) {
                    Log.warnf("unreadable run entry %s: %s", entry.getKey(), e.getMessage());
                  }
                }
              }

              @Override
              public void endOfData() {
                replayed.run();
              }
            });
  }

  private RunState read(byte[] value) {
    try {
      return json.readValue(value, RunState.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Run ids are SQS message ids (UUIDs); anything else is encoded into the allowed characters. */
  static String key(String runId) {
    if (VALID_KEY.matcher(runId).matches()) {
      return runId;
    }
    return "b64-"
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(runId.getBytes(StandardCharsets.UTF_8));
  }
}
