package io.sparkrelay.launcher.service;

import java.time.Duration;

/** The nakWithDelay of a transient fault: doubling per delivery from the first delay to the cap. */
public record RetryBackoff(Duration initial, Duration max) {

  public Duration delayAfter(long deliveries) {
    int doublings = (int) Math.min(Math.max(deliveries - 1, 0), 30);
    long millis = initial.toMillis() << doublings;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
