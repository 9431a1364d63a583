package io.sparkrelay.common.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SteadyConditionTest {

  /** A clock the test moves by hand. */
  private static final class HandClock extends Clock {
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final HandClock clock = new HandClock();
  private final SteadyCondition condition =
      new SteadyCondition("kubernetes-api", Duration.ofSeconds(15), clock);

  @Test
  void isDownUntilItHasHeldOnce() {
    SteadyCondition.Status status = condition.observe(false, "informer not synced");

    assertThat(status.up()).isFalse();
    assertThat(status.cause()).isEqualTo("informer not synced");
    assertThat(condition.observe(true, null).up()).isTrue();
  }

  @Test
  void aBlipShorterThanTheGraceStaysUpAndSaysWhy() {
    condition.observe(true, null);
    clock.advance(Duration.ofSeconds(1));

    SteadyCondition.Status blip = condition.observe(false, "watch reconnecting");
    clock.advance(Duration.ofSeconds(15));
    SteadyCondition.Status stillInGrace = condition.observe(false, "watch reconnecting");

    assertThat(blip.up()).isTrue();
    assertThat(stillInGrace.up()).isTrue();
    assertThat(stillInGrace.cause()).isEqualTo("watch reconnecting");
    assertThat(stillInGrace.failingFor()).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void aFailureLongerThanTheGraceIsDownAndComesBackUpAtOnce() {
    condition.observe(true, null);
    condition.observe(false, "API unreachable");
    clock.advance(Duration.ofSeconds(16));

    assertThat(condition.observe(false, "API unreachable").up()).isFalse();
    SteadyCondition.Status back = condition.observe(true, null);
    assertThat(back.up()).isTrue();
    assertThat(back.cause()).isNull();
    assertThat(back.failingFor()).isEqualTo(Duration.ZERO);
  }
}
