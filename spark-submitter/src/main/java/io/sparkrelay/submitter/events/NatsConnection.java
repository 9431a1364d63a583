package io.sparkrelay.submitter.events;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.sparkrelay.common.nats.NatsTls;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The connection to NATS. Opened at start-up without waiting for the server (a background thread
 * makes the first connect): the client reconnects forever, and the service answers requests
 * meanwhile (events are best effort, see README). After each (re)connect the RELAY_RUNS stream is
 * checked again before the next publish.
 */
@ApplicationScoped
public class NatsConnection {

  static final String CONNECTION_NAME = "spark-submitter";

  private final SubmitterConfig.Nats config;
  private final RunStreamProvisioner provisioner;
  private volatile Connection connection;
  private volatile Thread connector;
  private volatile boolean streamChecked;
  private volatile ConnectionListener.Events lastEvent;

  NatsConnection(SubmitterConfig config, RunStreamProvisioner provisioner) {
    this.config = config.nats();
    this.provisioner = provisioner;
  }

  void open(@Observes StartupEvent event) {
    Options options = options();
    // connectReconnectOnConnect blocks until the first connect succeeds: off the start-up thread
    connector =
        Thread.ofPlatform()
            .name("nats-connect")
            .daemon()
            .start(
                () -> {
                  try {
                    connection = Nats.connectReconnectOnConnect(options);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  } catch (IOException e) {
                    Log.errorf("NATS connection cannot be opened: %s", e.getMessage());
                  }
                });
  }

  private Options options() {
    Options.Builder options =
        Options.builder()
            .server(config.url())
            .connectionName(CONNECTION_NAME)
            .maxReconnects(-1)
            .reconnectWait(Duration.ofMillis(500))
            .connectionTimeout(Duration.ofSeconds(2))
            .connectionListener(this::onEvent)
            .errorListener(new ErrorListener() {});
    config.credentialsFile().ifPresent(options::credentialPath);
    config.token().ifPresent(token -> options.token(token.toCharArray()));
    config.username().ifPresent(user -> options.userInfo(user, config.password().orElse("")));
    SSLContext tls = NatsTls.sslContext(config.url(), config.tls());
    if (tls != null) {
      options.sslContext(tls);
    }
    options.inboxPrefix(config.inboxPrefix());
    return options.build();
  }

  private void onEvent(Connection conn, ConnectionListener.Events event) {
    if (event == ConnectionListener.Events.DISCONNECTED && lastEvent == event) {
      Log.debugf("NATS %s", event); // every failed reconnect attempt reports it again
    } else {
      Log.infof("NATS %s", event);
    }
    lastEvent = event;
    if (event == ConnectionListener.Events.CONNECTED
        || event == ConnectionListener.Events.RECONNECTED) {
      streamChecked = false;
    }
  }

  public boolean isConnected() {
    Connection conn = connection;
    return conn != null && conn.getStatus() == Connection.Status.CONNECTED;
  }

  /**
   * JetStream, with RELAY_RUNS created or verified on this connection.
   *
   * @throws IOException when NATS is not connected or the stream is unusable
   */
  public JetStream jetStream() throws IOException {
    if (!isConnected()) {
      throw new IOException("NATS not connected");
    }
    if (!streamChecked) {
      try {
        provisioner.ensure(connection.jetStreamManagement());
      } catch (JetStreamApiException e) {
        throw new IOException("stream " + config.stream().name() + ": " + e.getMessage(), e);
      }
      streamChecked = true;
    }
    return connection.jetStream();
  }

  @PreDestroy
  void close() {
    Thread thread = connector;
    if (thread != null && connection == null) {
      thread.interrupt();
    }
    Connection conn = connection;
    if (conn != null) {
      try {
        conn.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
