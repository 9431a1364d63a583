package io.sparkrelay.common.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.KeyValueOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/**
 * A service's connection to NATS. {@link #open} returns at once: the first connect happens in the
 * background, so a service starts (not ready) while the server is away, and the client reconnects
 * forever. Every (re)connect bumps {@link #generation()} and runs the service's set-up hook on one
 * set-up thread, where streams and consumers are ensured again (a server may have come back without
 * its store). Server errors are logged; {@link #close} flushes what is buffered first.
 */
public final class NatsConnection implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(NatsConnection.class);
  private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration CLOSE_FLUSH = Duration.ofSeconds(2);

  private final String service;
  private final NatsSettings settings;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition connected = lock.newCondition();
  private final AtomicLong generation = new AtomicLong();
  private volatile Connection connection;
  private volatile Runnable onConnected = () -> {};
  private volatile ScheduledExecutorService setup;
  private volatile Thread connector;
  private volatile ConnectionListener.Events lastEvent;

  /**
   * @param service the service's name: the connection's name on the server and, unless set, the
   *     last token of the inbox prefix
   */
  public NatsConnection(String service, NatsSettings settings) {
    this.service = service;
    this.settings = settings;
  }

  /** Opens the connection in the background; later calls do nothing until {@link #close}. */
  public void open() {
    open(() -> {});
  }

  /**
   * Opens the connection in the background; {@code onConnectedHook} runs on the set-up thread after
   * every connect and reconnect.
   */
  public synchronized void open(Runnable onConnectedHook) {
    if (setup != null) {
      return;
    }
    onConnected = onConnectedHook;
    setup =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("nats-setup").daemon().unstarted(r));
    Options options = options();
    connector = Thread.ofPlatform().name("nats-connect").daemon().start(() -> connect(options));
  }

  private Options options() {
    Options.Builder options =
        Options.builder()
            .server(settings.url())
            .connectionName(service)
            .maxReconnects(-1)
            .reconnectWait(RECONNECT_WAIT)
            .connectionTimeout(CONNECT_TIMEOUT)
            .connectionListener(this::onConnectionEvent)
            .errorListener(new LoggingErrorListener())
            .inboxPrefix(settings.inboxPrefix().orElse("_INBOX." + service));
    settings.credentialsFile().ifPresent(options::credentialPath);
    settings.token().ifPresent(token -> options.token(token.toCharArray()));
    settings.username().ifPresent(user -> options.userInfo(user, settings.password().orElse("")));
    SSLContext tls = NatsTls.sslContext(settings.url(), settings.tls());
    if (tls != null) {
      options.sslContext(tls);
    }
    return options.build();
  }

  private void connect(Options options) {
    try {
      Connection opened = Nats.connectReconnectOnConnect(options);
      if (setup == null) {
        opened.close(); // closed while the first connect was under way
      }
    } catch (IOException e) {
      LOG.errorf("NATS connection cannot be set up: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onConnectionEvent(Connection conn, ConnectionListener.Events event) {
    if (event == ConnectionListener.Events.DISCONNECTED && lastEvent == event) {
      LOG.debugf("NATS connection %s", event); // every failed reconnect attempt says it again
    } else {
      LOG.infof("NATS connection %s (%s)", event, conn.getConnectedUrl());
    }
    lastEvent = event;
    if (event == ConnectionListener.Events.CONNECTED
        || event == ConnectionListener.Events.RECONNECTED) {
      // the first CONNECTED comes before connectReconnectOnConnect returns: take the connection
      // here
      connection = conn;
      generation.incrementAndGet();
      signalConnected();
      ExecutorService executor = setup;
      if (executor != null && !executor.isShutdown()) {
        executor.execute(onConnected);
      }
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

  /** Waits up to {@code wait} for the connection; true when connected. */
  public boolean awaitConnected(Duration wait) throws InterruptedException {
    if (isConnected()) {
      return true;
    }
    lock.lock();
    try {
      if (!isConnected()) {
        connected.await(wait.toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
    return isConnected();
  }

  /** Changes on every (re)connect: what was set up under an older one may be gone. */
  public long generation() {
    return generation.get();
  }

  /** Runs {@code task} on the set-up thread after {@code delay} (a set-up that failed, again). */
  public void later(Runnable task, Duration delay) {
    ScheduledExecutorService executor = setup;
    if (executor != null && !executor.isShutdown()) {
      executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * The connection.
   *
   * @throws IllegalStateException before the first connect
   */
  public Connection connection() {
    Connection conn = connection;
    if (conn == null) {
      throw new IllegalStateException("NATS connection not open");
    }
    return conn;
  }

  /** JetStream, with the settings' request timeout. */
  public JetStream jetStream() throws IOException {
    return connection().jetStream(jetStreamOptions());
  }

  /** JetStream management, with the settings' request timeout. */
  public JetStreamManagement management() throws IOException {
    return connection().jetStreamManagement(jetStreamOptions());
  }

  /** The key-value bucket {@code bucket}, with the settings' request timeout (asks the server). */
  public KeyValue keyValue(String bucket) throws IOException {
    return connection().keyValue(bucket, keyValueOptions());
  }

  /** Key-value management, with the settings' request timeout. */
  public KeyValueManagement keyValueManagement() throws IOException {
    return connection().keyValueManagement(keyValueOptions());
  }

  private KeyValueOptions keyValueOptions() {
    return KeyValueOptions.builder().jetStreamOptions(jetStreamOptions()).build();
  }

  /** The settings this connection was made with. */
  public NatsSettings settings() {
    return settings;
  }

  private JetStreamOptions jetStreamOptions() {
    return JetStreamOptions.builder().requestTimeout(settings.requestTimeout()).build();
  }

  /** Largest message the connected server accepts, in bytes, as it announced it. */
  public long maxPayload() {
    Connection conn = connection;
    return conn == null || conn.getServerInfo() == null
        ? Long.MAX_VALUE
        : conn.getServerInfo().getMaxPayload();
  }

  /** Flushes what is buffered, closes; {@link #open} may be called again afterwards. */
  @Override
  public synchronized void close() {
    ScheduledExecutorService executor = setup;
    setup = null;
    if (executor != null) {
      executor.shutdownNow();
    }
    Thread thread = connector;
    Connection conn = connection;
    connection = null;
    if (conn == null) {
      if (thread != null) {
        thread.interrupt(); // still trying its first connect
      }
      return;
    }
    try {
      conn.flush(CLOSE_FLUSH);
    } catch (Exception e) {
      LOG.debugf("flush at close: %s", e.getMessage());
    }
    try {
      conn.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
