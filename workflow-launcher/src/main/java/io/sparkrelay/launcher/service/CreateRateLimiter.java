package io.sparkrelay.launcher.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces Workflow creates evenly to at most {@code perSecond}: each caller reserves the next free
 * slot and waits for it. While workers wait here they hold their event, so fetching stops too.
 */
public final class CreateRateLimiter {

  /** The limiter's time: {@link System#nanoTime()} and parking, or a simulated clock in tests. */
  interface Ticker {
    long nanoTime();

    /** Waits about {@code nanos}, or less when woken or interrupted. */
    void parkNanos(long nanos);

    Ticker SYSTEM =
        new Ticker() {
          @Override
          public long nanoTime() {
            return System.nanoTime();
          }

          @Override
          public void parkNanos(long nanos) {
            LockSupport.parkNanos(nanos);
          }
        };
  }

  private final Ticker ticker;
  private final long intervalNanos;
  private long nextSlot;

  /** {@code perSecond} 0 or less: no limit. */
  public CreateRateLimiter(double perSecond) {
    this(perSecond, Ticker.SYSTEM);
  }

  CreateRateLimiter(double perSecond, Ticker ticker) {
    this.ticker = ticker;
    this.intervalNanos = perSecond <= 0 ? 0 : (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    this.nextSlot = ticker.nanoTime();
  }

  /** Blocks until the caller may create; returns the nanoseconds it waited. */
  public long acquire() throws InterruptedException {
    return acquire(() -> {}, Long.MAX_VALUE);
  }

  /**
   * As {@link #acquire()}, calling {@code stillWorking} every {@code heartbeatNanos} of waiting, so
   * a long wait (a low rate, many workers) does not run past the event's AckWait.
   */
  public long acquire(Runnable stillWorking, long heartbeatNanos) throws InterruptedException {
    if (intervalNanos == 0) {
      return 0;
    }
    long now = ticker.nanoTime();
    long slot;
    synchronized (this) {
      slot = Math.max(nextSlot, now);
      nextSlot = slot + intervalNanos;
    }
    long waited = slot - now;
    long lastBeat = now;
    for (long t = ticker.nanoTime(); slot - t > 0; t = ticker.nanoTime()) {
      if (t - lastBeat >= heartbeatNanos) {
        stillWorking.run();
        lastBeat = t;
      }
      // differences only: nanoTime values may be anywhere, and MAX_VALUE means "never"
      ticker.parkNanos(Math.min(slot - t, heartbeatNanos - (t - lastBeat)));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return waited;
  }
}
