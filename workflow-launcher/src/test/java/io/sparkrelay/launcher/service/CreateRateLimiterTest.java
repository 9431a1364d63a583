package io.sparkrelay.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The limiter on a simulated clock: every wait is read off the clock, so each assertion is an exact
 * number of nanoseconds or permits at an exact simulated time, whatever the machine's load.
 */
@Timeout(10)
class CreateRateLimiterTest {

  /** Anywhere: nanoTime values have no meaning of their own (negative here, far from overflow). */
  private static final long START = -5_000_000_000L;

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void spacesCallsToTheRate() throws InterruptedException {
    SimulatedClock clock = SimulatedClock.advancingOnPark(START);
    CreateRateLimiter limiter = new CreateRateLimiter(100, clock);

    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 21; i++) {
      waits.add(limiter.acquire());
    }

    // 21 slots 10 ms apart: the first at once, each next one 10 ms after the one before
    List<Long> expected = new ArrayList<>(List.of(0L));
    expected.addAll(java.util.Collections.nCopies(20, 10 * MS));
    assertThat(waits).containsExactlyElementsOf(expected);
    assertThat(clock.parks()).containsExactlyElementsOf(expected.subList(1, 21));
    assertThat(clock.nanoTime() - START).isEqualTo(200 * MS);
  }

  @Test
  void aCallerBetweenTwoSlotsWaitsTheRestOfTheInterval() throws InterruptedException {
    SimulatedClock clock = SimulatedClock.advancingOnPark(START);
    CreateRateLimiter limiter = new CreateRateLimiter(100, clock);

    assertThat(limiter.acquire()).isZero();
    clock.advance(4 * MS);
    assertThat(limiter.acquire()).isEqualTo(6 * MS);
    assertThat(clock.nanoTime() - START).isEqualTo(10 * MS);
    clock.advance(10 * MS); // exactly on the next slot: no wait
    assertThat(limiter.acquire()).isZero();
    assertThat(clock.parks()).containsExactly(6 * MS);
  }

  @Test
  void anIdleSpellEarnsNoBurst() throws InterruptedException {
    SimulatedClock clock = SimulatedClock.advancingOnPark(START);
    CreateRateLimiter limiter = new CreateRateLimiter(100, clock);

    assertThat(limiter.acquire()).isZero();
    clock.advance(1_000 * MS); // a second with no create leaves no 100 permits in store
    assertThat(limiter.acquire()).isZero();
    assertThat(limiter.acquire()).isEqualTo(10 * MS);
    assertThat(limiter.acquire()).isEqualTo(10 * MS);
    assertThat(clock.nanoTime() - START).isEqualTo(1_020 * MS);
  }

  @Test
  void aRateThatDoesNotDivideASecondKeepsWholeNanoseconds() throws InterruptedException {
    SimulatedClock clock = SimulatedClock.advancingOnPark(START);
    CreateRateLimiter limiter = new CreateRateLimiter(3, clock);

    assertThat(limiter.acquire()).isZero();
    assertThat(limiter.acquire()).isEqualTo(333_333_333L);
    assertThat(limiter.acquire()).isEqualTo(333_333_333L);
    assertThat(clock.nanoTime() - START).isEqualTo(666_666_666L);
  }

  @Test
  void zeroOrLessMeansNoLimit() throws InterruptedException {
    for (double perSecond : new double[] {0, -1}) {
      SimulatedClock clock = SimulatedClock.advancingOnPark(START);
      CreateRateLimiter limiter = new CreateRateLimiter(perSecond, clock);
      for (int i = 0; i < 1000; i++) {
        assertThat(limiter.acquire()).isZero();
      }
      assertThat(clock.parks()).isEmpty();
      assertThat(clock.nanoTime()).isEqualTo(START);
    }
  }

  @Test
  void signsOfLifeEveryHeartbeatDuringALongWait() throws InterruptedException {
    SimulatedClock clock = SimulatedClock.advancingOnPark(START);
    CreateRateLimiter limiter = new CreateRateLimiter(4, clock); // slots 250 ms apart
    List<Long> beats = new ArrayList<>();
    limiter.acquire();

    long waited = limiter.acquire(() -> beats.add(clock.nanoTime() - START), 50 * MS);

    assertThat(waited).isEqualTo(250 * MS);
    // a beat after each full 50 ms of waiting; none at 250 ms, when the wait is over
    assertThat(beats).containsExactly(50 * MS, 100 * MS, 150 * MS, 200 * MS);
    assertThat(clock.parks()).containsExactly(50 * MS, 50 * MS, 50 * MS, 50 * MS, 50 * MS);
  }

  @Test
  void aHeartbeatThatDoesNotDivideTheWaitEndsWithTheRest() throws InterruptedException {
    SimulatedClock clock = SimulatedClock.advancingOnPark(START);
    CreateRateLimiter limiter = new CreateRateLimiter(4, clock);
    List<Long> beats = new ArrayList<>();
    limiter.acquire();

    assertThat(limiter.acquire(() -> beats.add(clock.nanoTime() - START), 60 * MS))
        .isEqualTo(250 * MS);

    assertThat(beats).containsExactly(60 * MS, 120 * MS, 180 * MS, 240 * MS);
    assertThat(clock.parks()).containsExactly(60 * MS, 60 * MS, 60 * MS, 60 * MS, 10 * MS);
  }

  @Test
  void anInterruptedCallerStopsWaiting() {
    SimulatedClock clock = SimulatedClock.advancingOnPark(START);
    CreateRateLimiter limiter = new CreateRateLimiter(100, clock);
    try {
      limiter.acquire();
      Thread.currentThread().interrupt();
      assertThatThrownBy(limiter::acquire).isInstanceOf(InterruptedException.class);
      // one park, then the interrupt is seen (and cleared, as the exception reports it)
      assertThat(clock.parks()).containsExactly(10 * MS);
      assertThat(Thread.currentThread().isInterrupted()).isFalse();
    } catch (InterruptedException unexpected) {
      throw new AssertionError(unexpected);
    } finally {
      Thread.interrupted();
    }
  }

  /**
   * Five callers at the same instant reserve five slots 10 ms apart. The clock stands still until
   * the test moves it, and permits are counted only once every caller has either returned or parked
   * at the current time, so each count is exact.
   */
  @Test
  void concurrentCallersEachGetTheirOwnSlot() throws Exception {
    SimulatedClock clock = SimulatedClock.frozen(START);
    CreateRateLimiter limiter = new CreateRateLimiter(100, clock);
    int callers = 5;
    AtomicInteger permits = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Long>> waits = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        waits.add(
            pool.submit(
                () -> {
                  long waited = limiter.acquire();
                  permits.incrementAndGet();
                  return waited;
                }));
      }

      Map<Long, Integer> permitsAt = new java.util.LinkedHashMap<>();
      for (long step : new long[] {0, 10 * MS, 5 * MS, 5 * MS, 9 * MS, 1 * MS, 20 * MS}) {
        clock.advance(step);
        await("every caller returned or parked at +" + (clock.nanoTime() - START) / MS + " ms")
            .atMost(Duration.ofSeconds(5))
            .until(() -> permits.get() + clock.parkedNow() == callers);
        permitsAt.put((clock.nanoTime() - START) / MS, permits.get());
      }

      Map<Long, Integer> expected = new HashMap<>();
      expected.put(0L, 1);
      expected.put(10L, 2);
      expected.put(15L, 2);
      expected.put(20L, 3);
      expected.put(29L, 3);
      expected.put(30L, 4);
      expected.put(50L, 5);
      assertThat(permitsAt).containsExactlyInAnyOrderEntriesOf(expected);
      List<Long> waited = new ArrayList<>();
      for (Future<Long> wait : waits) {
        waited.add(wait.get(5, TimeUnit.SECONDS));
      }
      assertThat(waited).containsExactlyInAnyOrder(0L, 10 * MS, 20 * MS, 30 * MS, 40 * MS);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A clock the test owns. {@link #advancingOnPark}: a park moves the clock by what the limiter
   * asked for, so one thread's waits follow each other exactly. {@link #frozen}: a park blocks
   * until the test {@link #advance}s the clock, for callers on several threads.
   */
  static final class SimulatedClock implements CreateRateLimiter.Ticker {

    private final boolean advanceOnPark;
    private final List<Long> parks = new ArrayList<>();
    private final Map<Thread, Long> parkedAt = new HashMap<>();
    private long now;

    private SimulatedClock(long start, boolean advanceOnPark) {
      this.now = start;
      this.advanceOnPark = advanceOnPark;
    }

    static SimulatedClock advancingOnPark(long start) {
      return new SimulatedClock(start, true);
    }

    static SimulatedClock frozen(long start) {
      return new SimulatedClock(start, false);
    }

    @Override
    public synchronized long nanoTime() {
      return now;
    }

    @Override
    public synchronized void parkNanos(long nanos) {
      parks.add(nanos);
      if (advanceOnPark) {
        now += nanos;
        return;
      }
      long at = now;
      parkedAt.put(Thread.currentThread(), at);
      try {
        while (now == at) {
          wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // as LockSupport.parkNanos: return, flag kept
      } finally {
        parkedAt.remove(Thread.currentThread());
      }
    }

    synchronized void advance(long nanos) {
      now += nanos;
      notifyAll();
    }

    /** Threads parked since the clock last moved (woken ones that have not parked again: not). */
    synchronized int parkedNow() {
      return (int) parkedAt.values().stream().filter(at -> at == now).count();
    }

    synchronized List<Long> parks() {
      return List.copyOf(parks);
    }
  }
}
