package io.sparkrelay.bridge.eventbus;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quarkus.logging.Log;
import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.common.nats.NatsTls;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;

/**
 * The bridge's connection to the JetStream EventBus. It reconnects forever; after every (re)connect
 * the stream is verified again before pollers are let through, so a nats-server that came back
 * without its store gets its stream re-created.
 */
@ApplicationScoped
public class EventBus {

  private final BridgeConfig config;
  private final EventStreamProvisioner provisioner;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition connected = lock.newCondition();
  private volatile Connection connection;
  private volatile JetStream jetStream;
  private volatile boolean streamVerified;

  EventBus(BridgeConfig config, EventStreamProvisioner provisioner) {
    this.config = config;
    this.provisioner = provisioner;
  }

  /**
   * Opens the connection in the background and returns at once: the client's first connect blocks
   * until a server answers, and the service must start (not ready) while NATS is away.
   */
  public void connect() {
    BridgeConfig.Nats nats = config.nats();
    Options.Builder options =
        Options.builder()
            .server(nats.url())
            .connectionName("sqs-bridge")
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionTimeout(Duration.ofSeconds(2))
            .connectionListener(this::onConnectionEvent)
            .errorListener(new LoggingErrorListener());
    nats.credentialsFile().ifPresent(options::credentialPath);
    nats.token().ifPresent(token -> options.token(token.toCharArray()));
    if (nats.username().isPresent()) {
      options.userInfo(nats.username().get(), nats.password().orElse(""));
    }
    SSLContext tls = NatsTls.sslContext(nats.url(), nats.tls());
    if (tls != null) {
      options.sslContext(tls);
    }
    options.inboxPrefix(nats.inboxPrefix());
    Options built = options.build();
    Thread.ofPlatform().name("nats-connect").daemon().start(() -> open(built));
  }

  private void open(Options options) {
    try {
      Connection opened = Nats.connectReconnectOnConnect(options);
      jetStream = opened.jetStream();
      connection = opened;
      signalConnected();
    } catch (IOException e) {
      Log.errorf("NATS connection cannot be set up: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
    Log.infof("NATS connection %s (%s)", event, conn.getConnectedUrl());
    if (event == ConnectionListener.Events.CONNECTED
        || event == ConnectionListener.Events.RECONNECTED) {
      streamVerified = false;
      signalConnected();
    }
  }

  private void signalConnected() {
    lock.lock();
    try {
      connected.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public boolean isConnected() {
    Connection conn = connection;
    return conn != null && conn.getStatus() == Connection.Status.CONNECTED;
  }

  /**
   * True when the connection is up and the stream verified. Waits up to {@code wait} for the
   * connection, so a poller neither spins nor receives messages it could not hand on.
   */
  public boolean awaitReady(Duration wait) throws InterruptedException {
    if (!isConnected()) {
      lock.lock();
      try {
        connected.await(wait.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        lock.unlock();
      }
      if (!isConnected()) {
        return false;
      }
    }
    if (!streamVerified) {
      try {
        provisioner.ensure(connection.jetStreamManagement());
        streamVerified = true;
      } catch (IOException | JetStreamApiException | RuntimeException e) {
        Log.warnf("stream %s not usable yet: %s", config.nats().stream().name(), e.getMessage());
        return false;
      }
    }
    return true;
  }

  /** Whether the stream exists as the bridge needs it, asked of the server now. */
  public boolean streamPresent() {
    if (!isConnected()) {
      return false;
    }
    try {
      connection.jetStreamManagement().getStreamInfo(config.nats().stream().name());
      return true;
    } catch (IOException | JetStreamApiException e) {
      return false;
    }
  }

  public JetStream jetStream() {
    return jetStream;
  }

  /** Largest message the connected server accepts, in bytes, as the server announced it. */
  public long maxPayload() {
    return connection.getServerInfo().getMaxPayload();
  }

  @PreDestroy
  void close() {
    Connection conn = connection;
    if (conn != null) {
      try {
        conn.flush(Duration.ofSeconds(2));
      } catch (Exception e) {
        Log.debugf("flush at close: %s", e.getMessage());
      }
      try {
        conn.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
