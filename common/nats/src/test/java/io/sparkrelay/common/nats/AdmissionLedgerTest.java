package io.sparkrelay.common.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.sparkrelay.common.nats.AdmissionLedger.Decision;
import io.sparkrelay.common.nats.AdmissionLedger.Presence;
import io.sparkrelay.contract.Streams;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.Race;
import io.sparkrelay.testkit.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admission ledger of the submitter and the launcher, against a real nats-server. */
class AdmissionLedgerTest {

  private static final Duration GRACE = Duration.ofMinutes(2);
  private static final String BUCKET = Streams.ADMISSION_BUCKET;

  private NatsServerProcess server;
  private final List<NatsConnection> connections = new ArrayList<>();
  private final FakeView view = new FakeView();
  private final TestClock clock = new TestClock();

  @BeforeEach
  void startServer() {
    server = NatsServerProcess.started();
  }

  @AfterEach
  void stop() {
    connections.forEach(NatsConnection::close);
    server.close();
  }

  private AdmissionLedger ledger(int replicas) throws InterruptedException {
    NatsConnection nats =
        new NatsConnection("spark-submitter", new TestSettings(server.url(), replicas));
    connections.add(nats);
    nats.open();
    assertThat(nats.awaitConnected(Duration.ofSeconds(10))).isTrue();
    return new AdmissionLedger(nats, BUCKET, view, GRACE, clock);
  }

  @Test
  void twoReplicasRacingAdmitExactlyTheLimitTogether() throws Exception {
    AdmissionLedger first = ledger(1);
    AdmissionLedger second = ledger(1);
    for (int round = 0; round < 5; round++) {
      String key = "spark-submitter.round-" + round;
      List<Callable<Decision>> admissions = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        AdmissionLedger ledger = i % 2 == 0 ? first : second;
        String name = "app-" + i;
        admissions.add(() -> ledger.admit(key, name, 5));
      }

      List<Decision> answers = Race.atOnce(admissions);

      assertThat(answers).filteredOn(Decision::admitted).as("round %d", round).hasSize(5);
      assertThat(first.count(key)).isEqualTo(5);
      assertThat(second.count(key)).isEqualTo(5);
    }
  }

  @Test
  void aKeyHoldsMaxPlacesOfTheLongestNamesInOneEntry() throws Exception {
    AdmissionLedger ledger = ledger(1);
    String key = "workflow-launcher.workflows";
    // a namespace and a Workflow name of 63 characters each: the longest a place's name can be
    for (int i = 1; i < AdmissionLedger.MAX_PLACES; i++) {
      view.active.add(longName(i));
    }

    Decision last =
        ledger.admit(key, longName(AdmissionLedger.MAX_PLACES), AdmissionLedger.MAX_PLACES);

    assertThat(last).isEqualTo(new Decision(true, true, AdmissionLedger.MAX_PLACES));
    assertThat(ledger.admit(key, longName(0), AdmissionLedger.MAX_PLACES))
        .isEqualTo(new Decision(false, false, AdmissionLedger.MAX_PLACES));
  }

  private static String longName(int i) {
    String n = String.format("%05d", i);
    return "n".repeat(58) + n + "/" + "w".repeat(58) + n;
  }

  @Test
  void aNameHoldsItsPlaceUntilEveryHolderReleasedIt() throws Exception {
    AdmissionLedger ledger = ledger(1);
    String key = "spark-submitter.ns";

    assertThat(ledger.admit(key, "a", 2)).isEqualTo(new Decision(true, true, 1));
    // the same name again (a retry while the first create runs): admitted, a second hold
    assertThat(ledger.admit(key, "a", 2)).isEqualTo(new Decision(true, false, 1));
    assertThat(ledger.admit(key, "b", 2)).isEqualTo(new Decision(true, true, 2));
    assertThat(ledger.admit(key, "c", 2)).isEqualTo(new Decision(false, false, 2));

    ledger.release(key, "b");
    assertThat(ledger.count(key)).isEqualTo(1);
    assertThat(ledger.admit(key, "c", 2)).isEqualTo(new Decision(true, true, 2));

    // the first create of "a" failed: its retry still holds the place
    ledger.release(key, "a");
    assertThat(ledger.admit(key, "d", 2)).isEqualTo(new Decision(false, false, 2));
    ledger.release(key, "a");
    assertThat(ledger.admit(key, "d", 2)).isEqualTo(new Decision(true, true, 2));
  }

  @Test
  void aReleaseLeavesThePlaceOfAnObjectTheViewShowsUnfinished() throws Exception {
    AdmissionLedger ledger = ledger(1);
    String key = "spark-submitter.ns";
    ledger.admit(key, "exists", 1);
    view.presence.put("exists", Presence.ACTIVE); // the create found it there (409)

    ledger.release(key, "exists");

    assertThat(ledger.admit(key, "other", 1)).isEqualTo(new Decision(false, false, 1));
  }

  @Test
  void namesLeaveWhenFinishedOrUnseenPastTheGraceAndTheViewsActiveOnesCount() throws Exception {
    AdmissionLedger ledger = ledger(1);
    String key = "spark-submitter.ns";
    ledger.admit(key, "finishes", 10);
    ledger.admit(key, "runs", 10);
    ledger.admit(key, "never-seen", 10);
    view.presence.put("finishes", Presence.ACTIVE);
    view.presence.put("runs", Presence.ACTIVE);
    view.active.add("made-before-the-ledger");
    assertThat(ledger.count(key)).isEqualTo(4);

    view.presence.put("finishes", Presence.FINISHED);
    assertThat(ledger.count(key)).isEqualTo(3);

    clock.advance(GRACE);
    assertThat(ledger.count(key)).as("at the grace, unseen still counts").isEqualTo(3);
    clock.advance(Duration.ofMillis(1));
    assertThat(ledger.count(key)).isEqualTo(2);

    // what is stored after the next write: the tidied names and the new one
    ledger.admit(key, "new", 10);
    try (Connection raw = Nats.connect(server.url())) {
      KeyValue kv = raw.keyValue(BUCKET);
      String stored = new String(kv.get(key).getValue(), StandardCharsets.UTF_8);
      long now = clock.millis();
      assertThat(stored)
          .isEqualTo(
              "{\"runs\":{\"admitted\":"
                  + (now - GRACE.toMillis() - 1)
                  + ",\"holders\":1},\"made-before-the-ledger\":{\"admitted\":"
                  + now
                  + ",\"holders\":0},\"new\":{\"admitted\":"
                  + now
                  + ",\"holders\":1}}");
    }
  }

  @Test
  void withoutNatsNothingIsAdmittedAndAfterItComesBackTheLimitHolds() throws Exception {
    AdmissionLedger ledger = ledger(1);
    String key = "workflow-launcher.workflows";
    ledger.admit(key, "default/a", 2);

    server.stop();
    // the client notices the server is gone a moment later; until then a request times out
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> !connections.getFirst().isConnected());
    assertThatThrownBy(() -> ledger.admit(key, "default/b", 2))
        .isInstanceOf(AdmissionLedger.UnavailableException.class)
        .hasMessage("admission bucket relay-admission not usable: NATS not connected");
    ledger.release(key, "default/a"); // best effort: nothing happens

    server.start();
    connections.getFirst().awaitConnected(Duration.ofSeconds(10));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> ledger.count(key) == 1);
    assertThat(ledger.admit(key, "default/b", 2)).isEqualTo(new Decision(true, true, 2));
    assertThat(ledger.admit(key, "default/c", 2)).isEqualTo(new Decision(false, false, 2));
  }

  @Test
  void theBucketIsCreatedOnTheConfiguredNumberOfServers() throws Exception {
    AdmissionLedger single = ledger(1);
    single.admit("spark-submitter.ns", "a", 1);
    try (Connection raw = Nats.connect(server.url())) {
      assertThat(raw.keyValueManagement().getStatus(BUCKET).getReplicas()).isEqualTo(1);
      assertThat(raw.keyValueManagement().getStatus(BUCKET).getMaxHistoryPerKey()).isEqualTo(1);
      raw.keyValueManagement().delete(BUCKET);
    }

    // three replicas asked of a single server: refused by it, so the count reached the server
    AdmissionLedger three = ledger(3);
    assertThatThrownBy(() -> three.admit("spark-submitter.ns", "a", 1))
        .isInstanceOf(AdmissionLedger.UnavailableException.class)
        .hasMessageContaining("replicas > 1 not supported in non-clustered mode");
    assertThat(AdmissionLedger.configuration(BUCKET, 3).getReplicas()).isEqualTo(3);
  }

  @Test
  void aKeyThatTheBucketCannotHoldIsRefused() throws Exception {
    AdmissionLedger ledger = ledger(1);
    assertThatThrownBy(() -> ledger.admit("spark submitter", "a", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a key-value key: spark submitter");
  }

  /** What an informer would tell; names not listed are unseen. */
  private static final class FakeView implements AdmissionLedger.View {
    final Map<String, Presence> presence = new ConcurrentHashMap<>();
    final Set<String> active = ConcurrentHashMap.newKeySet();

    @Override
    public Presence presence(String key, String name, Instant admitted) {
      return presence.getOrDefault(name, Presence.UNSEEN);
    }

    @Override
    public Set<String> active(String key) {
      return Set.copyOf(active);
    }
  }
}
