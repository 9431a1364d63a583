package io.sparkrelay.launcher.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quarkus.logging.Log;
import io.sparkrelay.common.nats.NatsTls;
import io.sparkrelay.launcher.config.LauncherConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;

/**
 * The launcher's NATS connection: reconnects forever, and starts even when the server is away (the
 * client keeps trying). Every (re)connect bumps {@link #generation()}, so users set up again what a
 * server that lost its store no longer has.
 */
@ApplicationScoped
public class EventBusConnection {

  private final LauncherConfig config;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition connected = lock.newCondition();
  private final AtomicLong generation = new AtomicLong();
  private volatile Connection connection;
  private volatile JetStream jetStream;

  EventBusConnection(LauncherConfig config) {
    this.config = config;
  }

  /** Opens the connection once; later calls return at once. */
  public synchronized void connect() {
    if (connection != null) {
      return;
    }
    LauncherConfig.Nats nats = config.nats();
    Options.Builder options =
        Options.builder()
            .server(nats.url())
            .connectionName("workflow-launcher")
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(250))
            .connectionTimeout(Duration.ofSeconds(2))
            .connectionListener(this::onConnectionEvent)
            .errorListener(new ErrorListener() {});
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
    try {
      connection = Nats.connectReconnectOnConnect(options.build());
      jetStream =
          connection.jetStream(
              JetStreamOptions.builder().requestTimeout(nats.publishTimeout()).build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
    Log.infof("NATS connection %s (%s)", event, conn.getConnectedUrl());
    if (event == ConnectionListener.Events.CONNECTED
        || event == ConnectionListener.Events.RECONNECTED) {
      generation.incrementAndGet();
      lock.lock();
      try {
        connected.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  public boolean isConnected() {
    Connection conn = connection;
    return conn != null && conn.getStatus() == Connection.Status.CONNECTED;
  }

  /** Waits up to {@code wait} for the connection; true when connected. */
  public boolean awaitConnected(Duration wait) throws InterruptedException {
    if (isConnected()) {
      return true;
    }
    lock.lock();
    try {
      connected.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
    return isConnected();
  }

  /** Changes on every (re)connect. */
  public long generation() {
    return generation.get();
  }

  public JetStream jetStream() {
    return jetStream;
  }

  public JetStreamManagement management() throws IOException {
    return connection.jetStreamManagement();
  }

  public Connection connection() {
    return connection;
  }

  @PreDestroy
  void close() {
    Connection conn = connection;
    if (conn == null) {
      return;
    }
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
