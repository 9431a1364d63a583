package io.sparkrelay.common.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.sparkrelay.contract.StreamSpec;
import io.sparkrelay.contract.Streams;
import io.sparkrelay.testkit.NatsServerProcess;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One way to make a stream what its spec says, against a real JetStream server. */
class StreamSetupTest {

  private static NatsServerProcess server;
  private static Connection connection;
  private JetStreamManagement jsm;

  @BeforeAll
  static void startServer() throws Exception {
    server = NatsServerProcess.started();
    connection = Nats.connect(server.url());
  }

  @AfterAll
  static void stopServer() throws Exception {
    connection.close();
    server.close();
  }

  @BeforeEach
  void noStreams() throws Exception {
    jsm = connection.jetStreamManagement();
    for (String name : jsm.getStreamNames()) {
      jsm.deleteStream(name);
    }
  }

  @Test
  void createsAMissingStreamAsItsSpecSays() throws Exception {
    StreamSetup.ensure(jsm, Streams.EVENTS, true);

    StreamConfiguration created = jsm.getStreamInfo("RELAY_EVENTS").getConfiguration();
    assertThat(created.getSubjects()).containsExactly("relay.events.>");
    assertThat(created.getStorageType()).isEqualTo(StorageType.File);
    assertThat(created.getDiscardPolicy()).isEqualTo(DiscardPolicy.New);
    assertThat(created.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(created.getMaxAge()).isEqualTo(Duration.ofDays(7));
    assertThat(created.getReplicas()).isEqualTo(1);
  }

  @Test
  void aMissingStreamThatMayNotBeCreatedIsAnErrorNamingTheSetting() {
    assertThatThrownBy(() -> StreamSetup.ensure(jsm, Streams.RUNS, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stream RELAY_RUNS does not exist and relay.nats.manage-streams=false");
  }

  @Test
  void anUnfitStreamIsFixedWhenManagedAndNamedWhenNot() throws Exception {
    jsm.addStream(
        StreamConfiguration.builder()
            .name("RELAY_EVENTS")
            .subjects("relay.events.sqs.>")
            .storageType(StorageType.File)
            .discardPolicy(DiscardPolicy.Old)
            .duplicateWindow(Duration.ofSeconds(30))
            .build());

    assertThatThrownBy(() -> StreamSetup.ensure(jsm, Streams.EVENTS, false))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "stream RELAY_EVENTS is not as it must be: discard policy is old, not new;"
                + " duplicate window PT30S is shorter than PT2M;"
                + " subjects [relay.events.sqs.>] do not take [relay.events.>]");

    StreamSetup.ensure(jsm, Streams.EVENTS, true);
    StreamConfiguration fixed = jsm.getStreamInfo("RELAY_EVENTS").getConfiguration();
    assertThat(fixed.getDiscardPolicy()).isEqualTo(DiscardPolicy.New);
    assertThat(fixed.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(2));
    assertThat(fixed.getSubjects()).containsExactly("relay.events.>");
  }

  @Test
  void aStreamAnotherServiceMadeFromTheSameSpecIsLeftAsItIs() throws Exception {
    StreamSpec longerWindow = Streams.RUNS.withDuplicateWindow(Duration.ofMinutes(5));
    StreamSetup.ensure(jsm, longerWindow, true);

    StreamSetup.ensure(jsm, Streams.RUNS, true);

    StreamConfiguration kept = jsm.getStreamInfo("RELAY_RUNS").getConfiguration();
    assertThat(kept.getDuplicateWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(kept.getDiscardPolicy()).isEqualTo(DiscardPolicy.Old);
    assertThat(StreamSetup.exists(jsm, "RELAY_RUNS")).isTrue();
    assertThat(StreamSetup.exists(jsm, "RELAY_DEAD")).isFalse();
  }

  @Test
  void aDeploymentsSettingsChangeTheContractsStream() {
    TestSettings three = new TestSettings(server.url(), 3);
    assertThat(three.deadStream())
        .isEqualTo(
            new StreamSpec(
                "RELAY_DEAD",
                java.util.List.of("relay.dead.>"),
                StreamSpec.Discard.OLD,
                Duration.ofMinutes(2),
                Duration.ofDays(14),
                3));
  }
}
