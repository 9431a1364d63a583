package io.sparkrelay.common.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * A readiness condition that reports DOWN only after it has failed for longer than a grace period:
 * an informer re-opening its watch or a slow answer under load is not unavailability, and a Service
 * that drops its endpoints for it would turn a blip into an outage. Until the condition has held
 * once it is DOWN at once (the service is not ready yet). Every change of the reported status is
 * logged with its cause. Cheap and non-blocking, so a probe with a 1 s timeout always gets its
 * answer.
 */
public final class SteadyCondition {

  private static final Logger LOG = Logger.getLogger(SteadyCondition.class);

  private final String name;
  private final Duration grace;
  private final Clock clock;
  private boolean everHeld;
  private Instant failingSince;
  private boolean reportedUp;
  private String cause;

  public SteadyCondition(String name, Duration grace) {
    this(name, grace, Clock.systemUTC());
  }

  SteadyCondition(String name, Duration grace, Clock clock) {
    this.name = name;
    this.grace = grace;
    this.clock = clock;
  }

  /** What a probe reports now. */
  public record Status(boolean up, String cause, Duration failingFor) {}

  /**
   * Records what holds now and answers what to report.
   *
   * @param holds whether the condition holds at this moment
   * @param causeIfNot why not, for the probe's data and the log; ignored when it holds
   */
  public synchronized Status observe(boolean holds, String causeIfNot) {
    Instant now = clock.instant();
    if (holds) {
      everHeld = true;
      failingSince = null;
      cause = null;
    } else {
      if (failingSince == null) {
        failingSince = now;
      }
      cause = causeIfNot;
    }
    Duration failingFor =
        failingSince == null ? Duration.ZERO : Duration.between(failingSince, now);
    boolean up = holds || (everHeld && failingFor.compareTo(grace) <= 0);
    if (up != reportedUp) {
      if (up) {
        LOG.infof("readiness %s UP", name);
      } else {
        LOG.warnf("readiness %s DOWN: %s (for %s)", name, cause, failingFor);
      }
      reportedUp = up;
    }
    return new Status(up, cause, failingFor);
  }
}
