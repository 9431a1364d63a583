package io.sparkrelay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The NATS users Spark Relay ships ({@code deploy/nats/spark-relay-users.conf}) on a real
 * nats-server with TLS: each service's own work passes with the JetStream calls its code makes, and
 * whatever lies outside a user's permissions is refused, as are connections without credentials,
 * without TLS or without trust in the CA.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShippedNatsPermissionsTest {

  private static final Duration REFUSED_WITHIN = Duration.ofSeconds(5);
  private static NatsServerProcess server;

  @BeforeAll
  static void startServer() {
    server = NatsServerProcess.createSecured(null);
    server.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  /** A connection as {@code user} that records the errors the server sends it. */
  private record Client(Connection connection, List<String> errors) implements AutoCloseable {
    JetStreamManagement management() throws IOException {
      return connection.jetStreamManagement(
          JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(1)).build());
    }

    JetStream jetStream() throws IOException {
      return connection.jetStream(
          JetStreamOptions.builder().requestTimeout(Duration.ofSeconds(1)).build());
    }

    void awaitRefusal(String error) {
      await("server error " + error)
          .atMost(REFUSED_WITHIN)
          .untilAsserted(() -> assertThat(errors).contains(error));
    }

    @Override
    public void close() throws InterruptedException {
      connection.close();
    }
  }

  private static Client as(String user) throws IOException, InterruptedException {
    List<String> errors = new CopyOnWriteArrayList<>();
    Options options =
        server
            .clientOptions(user)
            .errorListener(
                new ErrorListener() {
                  @Override
                  public void errorOccurred(Connection conn, String error) {
                    errors.add(error);
                  }
                })
            .build();
    return new Client(Nats.connect(options), errors);
  }

  private static PublishAck publish(Client client, String subject, String id) throws Exception {
    return client
        .jetStream()
        .publish(
            subject,
            new Headers(),
            ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8),
            PublishOptions.builder().messageId(id).build());
  }

  @Test
  @Order(1)
  void eachServiceDoesItsWork() throws Exception {
    // workflow-launcher: creates RELAY_RUNS and RELAY_DEAD (the bridge's dead letters need it)
    try (Client launcher = as("workflow-launcher")) {
      JetStreamManagement jsm = launcher.management();
      for (String[] stream :
          List.of(
              new String[] {"RELAY_RUNS", "relay.runs.>"},
              new String[] {"RELAY_DEAD", "relay.dead.>"})) {
        assertThatThrownBy(() -> jsm.getStreamInfo(stream[0]))
            .isInstanceOf(JetStreamApiException.class);
        jsm.addStream(
            StreamConfiguration.builder()
                .name(stream[0])
                .subjects(stream[1])
                .storageType(StorageType.File)
                .duplicateWindow(Duration.ofMinutes(2))
                .build());
        assertThat(jsm.getStreamInfo(stream[0]).getConfiguration().getName()).isEqualTo(stream[0]);
      }
      assertThat(launcher.errors()).isEmpty();
    }
    // sqs-bridge: creates, updates RELAY_EVENTS, publishes an event and a dead-letter notice
    try (Client bridge = as("sqs-bridge")) {
      JetStreamManagement jsm = bridge.management();
      assertThatThrownBy(() -> jsm.getStreamInfo("RELAY_EVENTS"))
          .isInstanceOf(JetStreamApiException.class);
      StreamConfiguration events =
          StreamConfiguration.builder()
              .name("RELAY_EVENTS")
              .subjects("relay.events.>")
              .storageType(StorageType.File)
              .discardPolicy(DiscardPolicy.New)
              .duplicateWindow(Duration.ofMinutes(1))
              .build();
      jsm.addStream(events);
      jsm.updateStream(
          StreamConfiguration.builder(events).duplicateWindow(Duration.ofMinutes(2)).build());
      assertThat(jsm.getStreamInfo("RELAY_EVENTS").getConfiguration().getDuplicateWindow())
          .isEqualTo(Duration.ofMinutes(2));
      assertThat(publish(bridge, "relay.events.sqs.spark-relay-jobs", "m-1").getSeqno())
          .isEqualTo(1);
      assertThat(publish(bridge, "relay.dead.sqs-bridge", "m-0:dead:sqs-bridge").getStream())
          .isEqualTo("RELAY_DEAD");
      assertThat(bridge.errors()).isEmpty();
    }
    // workflow-launcher: its durable on RELAY_EVENTS, a pull, an ack; its run events and dead
    // letter
    try (Client launcher = as("workflow-launcher")) {
      JetStreamManagement jsm = launcher.management();
      ConsumerConfiguration durable =
          ConsumerConfiguration.builder()
              .durable("workflow-launcher")
              .filterSubject("relay.events.>")
              .ackPolicy(AckPolicy.Explicit)
              .ackWait(Duration.ofSeconds(30))
              .build();
      assertThatThrownBy(() -> jsm.getConsumerInfo("RELAY_EVENTS", "workflow-launcher"))
          .isInstanceOf(JetStreamApiException.class);
      jsm.addOrUpdateConsumer("RELAY_EVENTS", durable);
      jsm.addOrUpdateConsumer(
          "RELAY_EVENTS", ConsumerConfiguration.builder(durable).maxAckPending(1000).build());
      var consumer =
          launcher
              .connection()
              .getStreamContext("RELAY_EVENTS")
              .getConsumerContext("workflow-launcher");
      Message event = consumer.next(Duration.ofSeconds(2));
      assertThat(event).isNotNull();
      assertThat(new String(event.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"m-1\"}");
      event.ack();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> jsm.getConsumerInfo("RELAY_EVENTS", "workflow-launcher").getNumAckPending(),
              pending -> pending == 0);
      publish(launcher, "relay.runs.workflow-created", "m-1:workflow-created:w");
      publish(launcher, "relay.runs.unmatched", "m-2:unmatched");
      publish(launcher, "relay.dead.workflow-launcher", "m-3:dead:workflow-launcher");
      assertThat(launcher.errors()).isEmpty();
    }
    // spark-submitter: verifies RELAY_RUNS, publishes its two events
    try (Client submitter = as("spark-submitter")) {
      assertThat(submitter.management().getStreamInfo("RELAY_RUNS").getConfiguration().getName())
          .isEqualTo("RELAY_RUNS");
      publish(submitter, "relay.runs.spark-submitted", "m-1:spark-submitted:a");
      publish(submitter, "relay.runs.spark-refused", "m-4:spark-refused:w");
      assertThat(submitter.errors()).isEmpty();
    }
    // status-reporter: its durables on RELAY_RUNS and RELAY_DEAD, the bucket, its outcome events
    try (Client reporter = as("status-reporter")) {
      JetStreamManagement jsm = reporter.management();
      jsm.getStreamInfo("RELAY_RUNS");
      List<String> seen = new CopyOnWriteArrayList<>();
      List<MessageConsumer> consumers = new java.util.ArrayList<>();
      String[][] durables = {
        {"RELAY_RUNS", "workflow-created", "relay.runs.workflow-created"},
        {"RELAY_RUNS", "spark-submitted", "relay.runs.spark-submitted"},
        {"RELAY_RUNS", "unmatched", "relay.runs.unmatched"},
        {"RELAY_RUNS", "spark-refused", "relay.runs.spark-refused"},
        {"RELAY_DEAD", "dead-letters", "relay.dead.>"}
      };
      for (String[] d : durables) {
        String name = "status-reporter-" + d[1];
        jsm.addOrUpdateConsumer(
            d[0],
            ConsumerConfiguration.builder()
                .durable(name)
                .filterSubject(d[2])
                .ackPolicy(AckPolicy.Explicit)
                .maxDeliver(-1)
                .build());
        consumers.add(
            reporter
                .connection()
                .getConsumerContext(d[0], name)
                .consume(
                    message -> {
                      seen.add(message.getSubject());
                      if (message.getSubject().endsWith("unmatched")) {
                        message.term();
                      } else {
                        message.ack();
                      }
                    }));
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(seen)
                      .containsExactlyInAnyOrder(
                          "relay.runs.workflow-created",
                          "relay.runs.spark-submitted",
                          "relay.runs.unmatched",
                          "relay.runs.spark-refused",
                          "relay.dead.sqs-bridge",
                          "relay.dead.workflow-launcher"));
      for (MessageConsumer consumer : consumers) {
        consumer.close();
      }
      KeyValueManagement kvm = reporter.connection().keyValueManagement();
      assertThat(kvm.getBucketNames()).doesNotContain("relay-runs");
      kvm.create(
          KeyValueConfiguration.builder()
              .name("relay-runs")
              .maxHistoryPerKey(1)
              .storageType(StorageType.File)
              .build());
      assertThat(kvm.getStatus("relay-runs").getBucketName()).isEqualTo("relay-runs");
      KeyValue kv = reporter.connection().keyValue("relay-runs");
      long revision = kv.create("m-1", "{\"stage\":\"RECEIVED\"}".getBytes(StandardCharsets.UTF_8));
      kv.update("m-1", "{\"stage\":\"COMPLETED\"}".getBytes(StandardCharsets.UTF_8), revision);
      KeyValueEntry entry = kv.get("m-1");
      assertThat(new String(entry.getValue(), StandardCharsets.UTF_8))
          .isEqualTo("{\"stage\":\"COMPLETED\"}");
      List<String> watched = new CopyOnWriteArrayList<>();
      var watch =
          kv.watchAll(
              new KeyValueWatcher() {
                @Override
                public void watch(KeyValueEntry e) {
                  watched.add(e.getKey());
                }

                @Override
                public void endOfData() {}
              });
      await().atMost(Duration.ofSeconds(5)).until(() -> watched.contains("m-1"));
      watch.unsubscribe();
      for (String outcome :
          List.of("completed", "failed", "refused", "dead-lettered", "filtered", "too-old")) {
        publish(reporter, "relay.runs." + outcome, "m-1:" + outcome);
      }
      // a redrive: one dead letter read back, its original event published again on its own subject
      assertThat(jsm.getMessage("RELAY_DEAD", 1).getSubject()).startsWith("relay.dead.");
      assertThat(publish(reporter, "relay.events.redrive", "m-1:redrive:k").getStream())
          .isEqualTo("RELAY_EVENTS");
      assertThat(reporter.errors()).isEmpty();
    }
    assertThat(server.log()).doesNotContain("Violation");
  }

  @Test
  @Order(2)
  void aConnectionWithoutCredentialsIsRefused() {
    assertThatThrownBy(() -> Nats.connect(server.clientOptions(null).build()))
        .hasMessageContaining("Authorization Violation");
    assertThatThrownBy(
            () ->
                Nats.connect(
                    server.clientOptions(null).userInfo("sqs-bridge", "not-the-password").build()))
        .hasMessageContaining("Authorization Violation");
  }

  @Test
  @Order(2)
  void aClientThatDoesNotTrustTheCaCannotConnect() throws Exception {
    // the JVM's own trust store does not hold the CA: the handshake fails on the certificate
    List<Exception> problems = new CopyOnWriteArrayList<>();
    ErrorListener recording =
        new ErrorListener() {
          @Override
          public void exceptionOccurred(Connection conn, Exception exp) {
            problems.add(exp);
          }
        };
    Options jvmTrust =
        Options.builder()
            .server(server.url())
            .sslContext(SSLContext.getDefault())
            .userInfo("sqs-bridge", server.password("sqs-bridge"))
            .connectionTimeout(Duration.ofSeconds(2))
            .errorListener(recording)
            .noReconnect()
            .build();
    assertThatThrownBy(() -> Nats.connect(jvmTrust))
        .isInstanceOf(IOException.class)
        .hasMessage("Unable to connect to NATS servers: [" + server.url() + "]");
    assertThat(problems)
        .anySatisfy(
            problem ->
                assertThat(problem)
                    .hasCauseInstanceOf(javax.net.ssl.SSLHandshakeException.class)
                    .rootCause()
                    .hasMessage("unable to find valid certification path to requested target"));
    // no TLS at all: the server wants it
    problems.clear();
    Options plain =
        Options.builder()
            .server(server.url())
            .userInfo("sqs-bridge", server.password("sqs-bridge"))
            .connectionTimeout(Duration.ofSeconds(2))
            .errorListener(recording)
            .noReconnect()
            .build();
    assertThatThrownBy(() -> Nats.connect(plain)).isInstanceOf(IOException.class);
    assertThat(problems)
        .anySatisfy(p -> assertThat(p).rootCause().hasMessage("SSL required by server."));
  }

  @Test
  @Order(2)
  void theBridgeMayNotForgeRunEventsDeleteStreamsOrReadDeadLetters() throws Exception {
    try (Client bridge = as("sqs-bridge")) {
      bridge.connection().publish("relay.runs.workflow-created", new byte[] {'x'});
      bridge.awaitRefusal("Permissions Violation for Publish to \"relay.runs.workflow-created\"");
      assertThatThrownBy(() -> bridge.management().deleteStream("RELAY_EVENTS"))
          .isInstanceOf(IOException.class);
      bridge.awaitRefusal(
          "Permissions Violation for Publish to \"$JS.API.STREAM.DELETE.RELAY_EVENTS\"");
      assertThatThrownBy(() -> bridge.management().getMessage("RELAY_DEAD", 1))
          .isInstanceOf(IOException.class);
      bridge.awaitRefusal(
          "Permissions Violation for Publish to \"$JS.API.STREAM.MSG.GET.RELAY_DEAD\"");
      bridge.connection().subscribe("relay.dead.>");
      bridge.awaitRefusal("Permissions Violation for Subscription to \"relay.dead.>\"");
      bridge.connection().subscribe("_INBOX.>");
      bridge.awaitRefusal("Permissions Violation for Subscription to \"_INBOX.>\"");
      bridge.connection().publish("$KV.relay-runs.m-1", new byte[] {'x'});
      bridge.awaitRefusal("Permissions Violation for Publish to \"$KV.relay-runs.m-1\"");
    }
    try (Client admin = as("relay-admin")) {
      // the bridge's event and the reporter's redrive of the first test; nothing the refused calls
      // sent
      assertThat(admin.management().getStreamInfo("RELAY_EVENTS").getStreamState().getMsgCount())
          .isEqualTo(2);
    }
  }

  @Test
  @Order(2)
  void theSubmitterMayOnlyPublishItsOwnRunEvents() throws Exception {
    try (Client submitter = as("spark-submitter")) {
      submitter.connection().publish("relay.events.x", new byte[] {'x'});
      submitter.awaitRefusal("Permissions Violation for Publish to \"relay.events.x\"");
      submitter.connection().publish("relay.runs.completed", new byte[] {'x'});
      submitter.awaitRefusal("Permissions Violation for Publish to \"relay.runs.completed\"");
      assertThatThrownBy(() -> submitter.management().purgeStream("RELAY_RUNS"))
          .isInstanceOf(IOException.class);
      submitter.awaitRefusal(
          "Permissions Violation for Publish to \"$JS.API.STREAM.PURGE.RELAY_RUNS\"");
    }
  }

  @Test
  @Order(2)
  void theSubmitterAndTheLauncherAdmitEachUnderItsOwnKeysOfTheAdmissionBucket() throws Exception {
    // what AdmissionLedger (common/nats) does: look the bucket up, create it when missing, read a
    // key, create it, update it at its revision
    try (Client submitter = as("spark-submitter")) {
      KeyValueManagement kvm = submitter.connection().keyValueManagement();
      assertThatThrownBy(() -> kvm.getStatus("relay-admission"))
          .isInstanceOf(JetStreamApiException.class)
          .hasMessageContaining("stream not found");
      kvm.create(
          KeyValueConfiguration.builder()
              .name("relay-admission")
              .maxHistoryPerKey(1)
              .storageType(StorageType.File)
              .replicas(1)
              .build());
      admitTwice(submitter, "spark-submitter.spark-team-a");
      assertThat(submitter.errors()).isEmpty();
      submitter
          .connection()
          .publish("$KV.relay-admission.workflow-launcher.workflows", new byte[] {'x'});
      submitter.awaitRefusal(
          "Permissions Violation for Publish to \"$KV.relay-admission.workflow-launcher.workflows\"");
    }
    try (Client launcher = as("workflow-launcher")) {
      admitTwice(launcher, "workflow-launcher.workflows");
      assertThat(launcher.errors()).isEmpty();
      launcher
          .connection()
          .publish("$KV.relay-admission.spark-submitter.spark-team-a", new byte[] {'x'});
      launcher.awaitRefusal(
          "Permissions Violation for Publish to \"$KV.relay-admission.spark-submitter.spark-team-a\"");
    }
    try (Client bridge = as("sqs-bridge")) {
      bridge
          .connection()
          .publish("$KV.relay-admission.spark-submitter.spark-team-a", new byte[] {'x'});
      bridge.awaitRefusal(
          "Permissions Violation for Publish to \"$KV.relay-admission.spark-submitter.spark-team-a\"");
    }
  }

  private static void admitTwice(Client client, String key) throws Exception {
    client.connection().keyValueManagement().getStatus("relay-admission");
    KeyValue kv = client.connection().keyValue("relay-admission");
    assertThat(kv.get(key)).isNull();
    long revision = kv.create(key, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(kv.get(key).getValue(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    kv.update(key, "{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8), revision);
    assertThat(new String(kv.get(key).getValue(), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1,\"b\":2}");
  }

  @Test
  @Order(2)
  void theLauncherAndTheReporterStayInTheirLanes() throws Exception {
    try (Client launcher = as("workflow-launcher")) {
      launcher.connection().publish("relay.runs.completed", new byte[] {'x'});
      launcher.awaitRefusal("Permissions Violation for Publish to \"relay.runs.completed\"");
      launcher.connection().publish("$KV.relay-runs.m-1", new byte[] {'x'});
      launcher.awaitRefusal("Permissions Violation for Publish to \"$KV.relay-runs.m-1\"");
      assertThatThrownBy(
              () ->
                  launcher
                      .management()
                      .addOrUpdateConsumer(
                          "RELAY_DEAD",
                          ConsumerConfiguration.builder()
                              .durable("snoop")
                              .filterSubject("relay.dead.>")
                              .build()))
          .isInstanceOf(IOException.class);
      assertThat(launcher.errors())
          .anyMatch(e -> e.startsWith("Permissions Violation for Publish to \"$JS.API.CONSUMER."));
    }
    try (Client reporter = as("status-reporter")) {
      reporter.connection().publish("relay.events.sqs.forged", new byte[] {'x'});
      reporter.awaitRefusal("Permissions Violation for Publish to \"relay.events.sqs.forged\"");
      reporter.connection().publish("relay.runs.workflow-created", new byte[] {'x'});
      reporter.awaitRefusal("Permissions Violation for Publish to \"relay.runs.workflow-created\"");
      assertThatThrownBy(() -> reporter.management().deleteStream("RELAY_DEAD"))
          .isInstanceOf(IOException.class);
      reporter.awaitRefusal(
          "Permissions Violation for Publish to \"$JS.API.STREAM.DELETE.RELAY_DEAD\"");
    }
  }
}
