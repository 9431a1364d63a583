package io.sparkrelay.launcher.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces Workflow creates evenly to at most {@code perSecond}: each caller reserves the next free
 * slot and waits for it. While workers wait here they hold their event, so fetching stops too.
 */
public final class CreateRateLimiter {

  private final long intervalNanos;
  private long nextSlot;

  /** {@code perSecond} 0 or less: no limit. */
  public CreateRateLimiter(double perSecond) {
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    this.nextSlot = System.nanoTime();
  }

  /** Blocks until the caller may create; returns the nanoseconds it waited. */
  public long acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return 0;
    }
    long now = System.nanoTime();
    long slot;
    synchronized (this) {
      slot = Math.max(nextSlot, now);
      nextSlot = slot + intervalNanos;
    }
    long waited = slot - now;
    while (System.nanoTime() < slot) {
      LockSupport.parkNanos(slot - System.nanoTime());
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return waited;
  }
}
