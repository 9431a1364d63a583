package io.sparkrelay.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.kube.ActiveApplicationIndex;
import jakarta.enterprise.inject.Vetoed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

class AdmissionGateTest {

  private final FakeIndex index = new FakeIndex();
  private final MutableClock clock = new MutableClock();
  private final AdmissionGate gate = new AdmissionGate(index, settings(2), clock);

  @Test
  void createsWhileBelowTheLimitAndCountsWhatItCreated() {
    index.states.put("a", "RUNNING");

    assertThat(gate.ifRoom("ns", "b", () -> "created b", r -> true)).contains("created b");
    // "b" is not yet seen by the informer but counts: the namespace is full
    assertThat(gate.ifRoom("ns", "c", () -> "created c", r -> true)).isEmpty();
    assertThat(gate.unfinished("ns")).isEqualTo(2);
  }

  @Test
  void terminalApplicationsDoNotCount() {
    index.states.put("a", "COMPLETED");
    index.states.put("b", "FAILED");
    index.states.put("c", "");

    assertThat(gate.unfinished("ns")).isEqualTo(1);
    assertThat(gate.ifRoom("ns", "d", () -> "ok", r -> true)).isPresent();
  }

  @Test
  void anApplicationSeenByTheInformerIsCountedOnceAndItsStateWins() {
    gate.ifRoom("ns", "b", () -> "x", r -> true);
    index.report("b", "RUNNING");
    assertThat(gate.unfinished("ns")).isEqualTo(1);

    index.report("b", "COMPLETED");

    assertThat(gate.unfinished("ns")).isZero();
  }

  @Test
  void anApplicationDeletedRightAfterItsCreateStopsCounting() {
    gate.ifRoom("ns", "b", () -> "x", r -> true);
    index.report("b", "");
    index.states.remove("b");
    index.seen.accept("ns", "b");

    assertThat(gate.unfinished("ns")).isZero();
  }

  @Test
  void aFailedCreateIsNotCounted() {
    try {
      gate.ifRoom(
          "ns",
          "b",
          () -> {
            throw new IllegalStateException("API down");
          },
          r -> true);
    } catch (IllegalStateException expected) {
      // the API's error reaches the caller
    }

    assertThat(gate.unfinished("ns")).isZero();
  }

  @Test
  void aResultThatTookNoSlotIsNotCounted() {
    gate.ifRoom("ns", "b", () -> "already there", r -> false);

    assertThat(gate.unfinished("ns")).isZero();
  }

  @Test
  void unseenCreatesStopCountingAfterTheGracePeriod() {
    gate.ifRoom("ns", "b", () -> "x", r -> true);
    clock.advance(AdmissionGate.UNSEEN_GRACE.plusSeconds(1));

    assertThat(gate.unfinished("ns")).isZero();
  }

  @Test
  void refusesToGuessBeforeTheInformerSynced() {
    index.synced = false;

    assertThatThrownBy(() -> gate.ifRoom("ns", "b", () -> "x", r -> true))
        .isInstanceOf(AdmissionUnavailableException.class);
  }

  private static SubmitterConfig.Admission settings(int limit) {
    return new SubmitterConfig.Admission() {
      @Override
      public int maxActivePerNamespace() {
        return limit;
      }

      @Override
      public Duration retryAfter() {
        return Duration.ofSeconds(30);
      }

      @Override
      public Set<String> terminalStates() {
        return Set.of("COMPLETED", "FAILED");
      }
    };
  }

  /** What the informers would hold for namespace "ns"; vetoed so Quarkus tests ignore it. */
  @Vetoed
  private static final class FakeIndex extends ActiveApplicationIndex {
    final Map<String, String> states = new HashMap<>();
    boolean synced = true;
    BiConsumer<String, String> seen;

    FakeIndex() {
      super(null, null);
    }

    @Override
    public boolean isSynced(String namespace) {
      return synced;
    }

    @Override
    public void whenSeen(BiConsumer<String, String> listener) {
      seen = listener;
    }

    /** The informer hears of {@code name} in state {@code state}. */
    void report(String name, String state) {
      states.put(name, state);
      seen.accept("ns", name);
    }

    @Override
    public Set<String> unfinished(String namespace) {
      Set<String> names = new java.util.HashSet<>();
      states.forEach(
          (name, state) -> {
            if (!Set.of("COMPLETED", "FAILED").contains(state)) {
              names.add(name);
            }
          });
      return names;
    }
  }

  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-21T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
