package io.sparkrelay.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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
}
