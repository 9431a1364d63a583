package io.sparkrelay.launcher.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(60));

  @Test
  void doublesPerDeliveryUpToTheCap() {
    assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.delayAfter(7)).isEqualTo(Duration.ofSeconds(60));
    assertThat(backoff.delayAfter(500)).isEqualTo(Duration.ofSeconds(60));
  }
}
