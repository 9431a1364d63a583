package io.sparkrelay.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Services;
import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.config.TestConfig;
import io.sparkrelay.submitter.kube.ActiveApplicationIndex;
import io.sparkrelay.testkit.NatsServerProcess;
import io.sparkrelay.testkit.TestClock;
import jakarta.enterprise.inject.Vetoed;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One replica's gate over a real nats-server, with an informer that says what the test says. */
class AdmissionGateTest {

  private static NatsServerProcess server;
  private static int namespaces;

  private final FakeIndex index = new FakeIndex();
  private final TestClock clock = new TestClock();
  private NatsConnection nats;
  private AdmissionGate gate;
  private String ns;

  @BeforeAll
  static void startServer() {
    server = NatsServerProcess.started();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @BeforeEach
  void openGate() throws InterruptedException {
    SubmitterConfig config = limitedTo("2");
    nats = new NatsConnection(Services.SPARK_SUBMITTER, config.nats());
    nats.open();
    assertThat(nats.awaitConnected(Duration.ofSeconds(10))).isTrue();
    gate = new AdmissionGate(index, config.admission(), nats, clock);
    ns = "ns-" + namespaces++; // a key of its own in the shared bucket
  }

  private static SubmitterConfig limitedTo(String maxActivePerNamespace) {
    return TestConfig.of(
        Map.of(
            "relay.nats.url",
            server.url(),
            "relay.admission.max-active-per-namespace",
            maxActivePerNamespace));
  }

  @AfterEach
  void closeGate() {
    nats.close();
  }

  @Test
  void aLimitTheLedgerCannotHoldStopsTheGate() {
    for (String limit : List.of("0", "5001")) {
      SubmitterConfig config = limitedTo(limit);

      assertThatThrownBy(() -> new AdmissionGate(index, config.admission(), nats, clock))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("relay.admission.max-active-per-namespace must be 1 to 5000, got " + limit);
    }
  }

  @Test
  void createsWhileBelowTheLimitAndCountsWhatItCreated() {
    index.report("a", "RUNNING");

    assertThat(gate.ifRoom(ns, "b", () -> "created b", r -> true)).contains("created b");
    // "b" is not yet seen by the informer but counts: the namespace is full
    assertThat(gate.ifRoom(ns, "c", () -> "created c", r -> true)).isEmpty();
    assertThat(gate.unfinished(ns)).isEqualTo(2);
  }

  @Test
  void terminalApplicationsDoNotCount() {
    index.report("a", "COMPLETED");
    index.report("b", "FAILED");
    index.report("c", "");

    assertThat(gate.unfinished(ns)).isEqualTo(1);
    assertThat(gate.ifRoom(ns, "d", () -> "ok", r -> true)).isPresent();
  }

  @Test
  void anApplicationSeenByTheInformerIsCountedOnceAndItsStateWins() {
    gate.ifRoom(ns, "b", () -> "x", r -> true);
    index.report("b", "RUNNING");
    assertThat(gate.unfinished(ns)).isEqualTo(1);

    index.report("b", "COMPLETED");

    assertThat(gate.unfinished(ns)).isZero();
  }

  @Test
  void anApplicationDeletedRightAfterItsCreateStopsCounting() {
    gate.ifRoom(ns, "b", () -> "x", r -> true);
    index.report("b", "");
    clock.advance(Duration.ofSeconds(1));
    index.delete("b");

    assertThat(gate.unfinished(ns)).isZero();
  }

  @Test
  void aFailedCreateIsNotCounted() {
    assertThatThrownBy(
            () ->
                gate.ifRoom(
                    ns,
                    "b",
                    () -> {
                      throw new IllegalStateException("API down");
                    },
                    r -> true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("API down");

    assertThat(gate.unfinished(ns)).isZero();
  }

  @Test
  void aRetryWhileTheFirstCreateRunsKeepsThePlaceWhenTheFirstFails() {
    index.report("a", "RUNNING"); // one place of two left

    assertThatThrownBy(
            () ->
                gate.ifRoom(
                    ns,
                    "b",
                    () -> {
                      // the step's retry arrives (here or at another replica) meanwhile
                      assertThat(gate.ifRoom(ns, "b", () -> "created by the retry", r -> true))
                          .contains("created by the retry");
                      throw new IllegalStateException("first create timed out");
                    },
                    r -> true))
        .hasMessage("first create timed out");

    assertThat(gate.unfinished(ns)).isEqualTo(2);
    assertThat(gate.ifRoom(ns, "c", () -> "c", r -> true)).isEmpty();
  }

  @Test
  void aResultThatTookNoSlotIsNotCounted() {
    gate.ifRoom(ns, "b", () -> "already there", r -> false);

    assertThat(gate.unfinished(ns)).isZero();
  }

  @Test
  void unseenCreatesStopCountingAfterTheGracePeriod() {
    gate.ifRoom(ns, "b", () -> "x", r -> true);
    clock.advance(AdmissionGate.UNSEEN_GRACE);
    assertThat(gate.unfinished(ns)).isEqualTo(1);

    clock.advance(Duration.ofMillis(1));

    assertThat(gate.unfinished(ns)).isZero();
  }

  @Test
  void refusesToGuessBeforeTheInformerSynced() {
    index.synced = false;

    assertThatThrownBy(() -> gate.ifRoom(ns, "b", () -> "x", r -> true))
        .isInstanceOf(AdmissionUnavailableException.class)
        .hasMessage(
            "SparkApplications in "
                + ns
                + " are not counted yet; the Kubernetes API is not reachable or still listing");
  }

  @Test
  void withoutNatsNothingIsCreatedUncheckedAndAfterItTheLimitHolds() {
    gate.ifRoom(ns, "a", () -> "x", r -> true);
    List<String> created = new java.util.ArrayList<>();
    server.stop();
    try {
      await().until(() -> !nats.isConnected());
      assertThatThrownBy(() -> gate.ifRoom(ns, "b", () -> created.add("b"), r -> true))
          .isInstanceOf(AdmissionUnavailableException.class)
          .hasMessage(
              "the admission limit of "
                  + ns
                  + " cannot be checked across replicas now (admission bucket relay-admission not"
                  + " usable: NATS not connected); try again later");
      assertThat(created).isEmpty();
    } finally {
      server.start();
    }
    await().atMost(Duration.ofSeconds(10)).until(nats::isConnected);
    assertThat(gate.ifRoom(ns, "b", () -> created.add("b"), r -> true)).contains(true);
    assertThat(gate.ifRoom(ns, "c", () -> created.add("c"), r -> true)).isEmpty();
    assertThat(created).containsExactly("b");
  }

  /** What the informers would hold; vetoed so Quarkus tests ignore it. */
  @Vetoed
  private final class FakeIndex extends ActiveApplicationIndex {
    final Map<String, String> states = new ConcurrentHashMap<>();
    final Map<String, Instant> deletions = new ConcurrentHashMap<>();
    volatile boolean synced = true;

    FakeIndex() {
      super(null, List.of(), Set.of("COMPLETED", "FAILED"), null);
    }

    @Override
    public boolean isSynced(String namespace) {
      return synced;
    }

    /** The informer hears of {@code name} in state {@code state}. */
    void report(String name, String state) {
      states.put(name, state);
    }

    /** The informer hears {@code name} was deleted, now. */
    void delete(String name) {
      states.remove(name);
      deletions.put(name, clock.instant());
    }

    @Override
    public Optional<GenericKubernetesResource> find(String namespace, String name) {
      String state = states.get(name);
      if (state == null) {
        return Optional.empty();
      }
      GenericKubernetesResource application = new GenericKubernetesResource();
      application.setAdditionalProperty(
          "status", Map.of("applicationState", Map.of("state", state)));
      return Optional.of(application);
    }

    @Override
    protected Optional<Instant> deletedAt(String namespace, String name) {
      return Optional.ofNullable(deletions.get(name));
    }

    @Override
    protected Map<String, String> applications(String namespace) {
      return Map.copyOf(states);
    }
  }
}
