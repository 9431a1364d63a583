package io.sparkrelay.bridge.nats;

import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.quarkus.logging.Log;
import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.common.nats.StreamSetup;
import io.sparkrelay.contract.StreamSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;

/**
 * RELAY_EVENTS as the bridge needs it before a poller may receive: after every (re)connect the
 * stream is ensured again, so a nats-server that came back without its store gets its stream
 * re-created, and until then the pollers wait.
 */
@ApplicationScoped
public class EventStream {

  private static final Duration RETRY = Duration.ofSeconds(1);

  private final NatsConnection nats;
  private final StreamSpec spec;
  private final boolean manage;
  private final Object readiness = new Object();
  private volatile long readyGeneration = -1;
  private volatile JetStream jetStream;

  EventStream(NatsConnection nats, BridgeConfig config) {
    this.nats = nats;
    this.spec = spec(config);
    this.manage = config.nats().manageStreams();
  }

  /**
   * The configured events stream, its duplicate window raised to the SQS visibility timeout: a
   * message SQS hands out again must still be recognised as a duplicate.
   */
  static StreamSpec spec(BridgeConfig config) {
    StreamSpec configured = config.nats().eventsStream();
    Duration visibility = Duration.ofSeconds(config.sqs().visibilityTimeoutSeconds());
    return visibility.compareTo(configured.duplicateWindow()) > 0
        ? configured.withDuplicateWindow(visibility)
        : configured;
  }

  public StreamSpec spec() {
    return spec;
  }

  /** Opens the connection in the background and returns at once. */
  public void open() {
    nats.open(this::ensure);
  }

  /** On the set-up thread, after a (re)connect or a failed attempt. */
  private void ensure() {
    long generation = nats.generation();
    try {
      StreamSetup.ensure(nats.management(), spec, manage);
      synchronized (readiness) {
        readyGeneration = generation;
        readiness.notifyAll();
      }
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      Log.warnf("stream %s not usable yet: %s", spec.name(), e.getMessage());
      nats.later(() -> retry(generation), RETRY);
    }
  }

  private void retry(long generation) {
    if (generation == nats.generation()) { // a newer connect has started its own attempt
      ensure();
    }
  }

  private boolean ready() {
    return nats.isConnected() && readyGeneration == nats.generation();
  }

  /**
   * True when the connection is up and the stream ensured under it. Waits up to {@code wait}
   * otherwise, so a poller neither spins nor receives messages it could not hand on.
   */
  public boolean awaitReady(Duration wait) throws InterruptedException {
    synchronized (readiness) {
      if (!ready()) {
        readiness.wait(wait.toMillis());
      }
    }
    return ready();
  }

  /** Whether the stream exists, asked of the server now. */
  public boolean present() {
    if (!nats.isConnected()) {
      return false;
    }
    try {
      return StreamSetup.exists(nats.management(), spec.name());
    } catch (IOException | JetStreamApiException | RuntimeException e) {
      return false;
    }
  }

  /** JetStream on the connection, which stays the same object across reconnects. */
  JetStream jetStream() throws IOException {
    JetStream js = jetStream;
    if (js == null) {
      js = nats.jetStream();
      jetStream = js;
    }
    return js;
  }

  /** Largest message the connected server accepts, in bytes, as it announced it. */
  public long maxPayload() {
    return nats.maxPayload();
  }

  public boolean isConnected() {
    return nats.isConnected();
  }
}
