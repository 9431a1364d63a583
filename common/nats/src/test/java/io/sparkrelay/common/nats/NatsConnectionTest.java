package io.sparkrelay.common.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.sparkrelay.testkit.NatsServerProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one NATS connection of every service, against a real nats-server. */
class NatsConnectionTest {

  private NatsServerProcess server;
  private NatsConnection connection;

  @AfterEach
  void stop() {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Test
  void opensWhileTheServerIsAwayAndSetsUpOnEveryConnect() throws Exception {
    server = NatsServerProcess.create(null);
    connection = new NatsConnection("sqs-bridge", new TestSettings(server.url(), 1));
    AtomicInteger setUps = new AtomicInteger();

    connection.open(setUps::incrementAndGet); // the server is not started: open returns at once
    assertThat(connection.isConnected()).isFalse();
    assertThatThrownBy(connection::connection)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("NATS connection not open");

    server.start();
    assertThat(connection.awaitConnected(Duration.ofSeconds(10))).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> setUps.get() == 1);
    assertThat(connection.generation()).isEqualTo(1);
    assertThat(connection.connection().getConnectedUrl()).isEqualTo(server.url());

    server.restart();
    await().atMost(Duration.ofSeconds(10)).until(() -> setUps.get() == 2);
    assertThat(connection.generation()).isEqualTo(2);
    assertThat(connection.isConnected()).isTrue();
  }

  @Test
  void theServerKnowsTheConnectionByTheServicesName() throws Exception {
    server = NatsServerProcess.started();
    connection = new NatsConnection("status-reporter", new TestSettings(server.url(), 1));
    connection.open();
    assertThat(connection.awaitConnected(Duration.ofSeconds(10))).isTrue();
    assertThat(connection.connection().getOptions().getConnectionName())
        .isEqualTo("status-reporter");
    assertThat(connection.connection().getOptions().getInboxPrefix())
        .isEqualTo("_INBOX.status-reporter.");
    assertThat(connection.maxPayload()).isEqualTo(1024 * 1024);
  }

  @Test
  void closeFlushesWhatWasPublishedBeforeIt() throws Exception {
    server = NatsServerProcess.started();
    try (Connection reader = Nats.connect(server.url())) {
      Subscription subscription = reader.subscribe("relay.test.close");
      reader.flush(Duration.ofSeconds(2));
      connection = new NatsConnection("workflow-launcher", new TestSettings(server.url(), 1));
      connection.open();
      assertThat(connection.awaitConnected(Duration.ofSeconds(10))).isTrue();
      for (int i = 0; i < 100; i++) {
        connection
            .connection()
            .publish("relay.test.close", ("m" + i).getBytes(StandardCharsets.UTF_8));
      }
      connection.close();
      connection = null;
      int received = 0;
      while (subscription.nextMessage(Duration.ofSeconds(2)) != null) {
        received++;
      }
      assertThat(received).isEqualTo(100);
    }
  }

  @Test
  void laterRunsATaskOnTheSetUpThreadAfterTheDelay() throws Exception {
    server = NatsServerProcess.started();
    connection = new NatsConnection("spark-submitter", new TestSettings(server.url(), 1));
    connection.open();
    assertThat(connection.awaitConnected(Duration.ofSeconds(10))).isTrue();
    StringBuilder thread = new StringBuilder();
    connection.later(() -> thread.append(Thread.currentThread().getName()), Duration.ofMillis(50));
    await().atMost(Duration.ofSeconds(5)).until(() -> thread.length() > 0);
    assertThat(thread.toString()).isEqualTo("nats-setup");
  }
}
