package io.sparkrelay.reporter.nats;

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
import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The reporter's NATS connection. It reconnects forever and starts even when the server is away;
 * after every (re)connect it runs the {@code onConnected} hook on its own thread, where the stream,
 * the bucket and the consumers are set up again (a server may have come back without its store).
 */
@ApplicationScoped
public class NatsLink {

  private final ReporterConfig config;
  private volatile Connection connection;
  private volatile Runnable onConnected = () -> {};
  private volatile ScheduledExecutorService setup;

  public NatsLink(ReporterConfig config) {
    this.config = config;
  }

  /** Opens the connection; returns at once, the client keeps trying while the server is away. */
  public synchronized void open(Runnable onConnectedHook) {
    if (connection != null) {
      return;
    }
    this.onConnected = onConnectedHook;
    this.setup = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "nats-setup"));
    ReporterConfig.Nats nats = config.nats();
    Options.Builder options =
        Options.builder()
            .server(nats.url())
            .connectionName("status-reporter")
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
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
    Log.infof("NATS connection %s (%s)", event, conn.getConnectedUrl());
    ScheduledExecutorService executor = setup;
    if (executor != null
        && (event == ConnectionListener.Events.RECONNECTED
            || event == ConnectionListener.Events.CONNECTED)) {
      // the first CONNECTED comes before connectReconnectOnConnect has returned the connection to
      // open(): publish it now, or the hook would find the link not connected and set nothing up
      connection = conn;
      executor.execute(onConnected);
    }
  }

  /** Runs {@code task} on the setup thread after {@code delay} (a setup that failed, again). */
  public void later(Runnable task, Duration delay) {
    ScheduledExecutorService executor = setup;
    if (executor != null && !executor.isShutdown()) {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  public boolean isConnected() {
    Connection conn = connection;
    return conn != null && conn.getStatus() == Connection.Status.CONNECTED;
  }

  public Connection connection() {
    Connection conn = connection;
    if (conn == null) {
      throw new IllegalStateException("NATS connection not open");
    }
    return conn;
  }

  public JetStream jetStream() throws IOException {
    return connection()
        .jetStream(
            JetStreamOptions.builder().requestTimeout(config.nats().requestTimeout()).build());
  }

  public JetStreamManagement management() throws IOException {
    return connection()
        .jetStreamManagement(
            JetStreamOptions.builder().requestTimeout(config.nats().requestTimeout()).build());
  }

  /** Closes the connection; {@link #open} may be called again afterwards. */
  public synchronized void close() {
    ScheduledExecutorService executor = setup;
    setup = null;
    if (executor != null) {
      executor.shutdownNow();
    }
    Connection conn = connection;
    connection = null;
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
