package io.sparkrelay.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CreateRateLimiterTest {

  @Test
  void spacesCallsToTheRate() throws InterruptedException {
    CreateRateLimiter limiter = new CreateRateLimiter(100);
    long start = System.nanoTime();
    for (int i = 0; i < 21; i++) {
      limiter.acquire();
    }
    // 21 slots 10 ms apart: the last one is 200 ms after the first
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(195));
  }

  @Test
  void zeroMeansNoLimit() throws InterruptedException {
    CreateRateLimiter limiter = new CreateRateLimiter(0);
    for (int i = 0; i < 1000; i++) {
      assertThat(limiter.acquire()).isZero();
    }
  }

  @Test
  void signsOfLifeDuringALongWait() throws InterruptedException {
    CreateRateLimiter limiter = new CreateRateLimiter(4); // slots 250 ms apart
    AtomicInteger beats = new AtomicInteger();
    limiter.acquire();
    limiter.acquire(beats::incrementAndGet, Duration.ofMillis(50).toNanos());
    assertThat(beats.get()).isBetween(3, 5);
  }
}
