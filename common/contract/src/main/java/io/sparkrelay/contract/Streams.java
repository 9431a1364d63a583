package io.sparkrelay.contract;

import java.time.Duration;
import java.util.List;

/**
 * The three streams and the bucket of the bus, as every service creates them when they are missing
 * (whoever comes first creates; the others verify). A deployment may rename them or change their
 * retention and replicas through each service's {@code relay.nats.*} settings.
 */
public final class Streams {

  public static final String EVENTS_NAME = "RELAY_EVENTS";
  public static final String RUNS_NAME = "RELAY_RUNS";
  public static final String DEAD_NAME = "RELAY_DEAD";

  /** The KV bucket in which the status-reporter keeps each run's state. */
  public static final String RUNS_BUCKET = "relay-runs";

  /**
   * The KV bucket in which the replicas of the spark-submitter and of the workflow-launcher admit
   * against their limits together: per key the names admitted and not yet seen finished, written
   * only with a revision check ({@code AdmissionLedger} of common/nats). Keys start with the
   * service's name: {@code spark-submitter.<namespace>}, {@code workflow-launcher.workflows}.
   */
  public static final String ADMISSION_BUCKET = "relay-admission";

  /**
   * What the bridge publishes: SQS messages as CloudEvents. Full means refused, never an accepted
   * event dropped; the bridge raises the duplicate window to its SQS visibility timeout.
   */
  public static final StreamSpec EVENTS =
      new StreamSpec(
          EVENTS_NAME,
          List.of(Subjects.EVENTS_ALL),
          StreamSpec.Discard.NEW,
          Duration.ofMinutes(2),
          Duration.ofDays(7),
          1);

  /** Run lifecycle events of the launcher, the submitter and the reporter. */
  public static final StreamSpec RUNS =
      new StreamSpec(
          RUNS_NAME,
          List.of(Subjects.RUNS_ALL),
          StreamSpec.Discard.OLD,
          Duration.ofMinutes(2),
          Duration.ofDays(7),
          1);

  /** Dead letters, kept twice as long as the events so an operator can redrive them. */
  public static final StreamSpec DEAD =
      new StreamSpec(
          DEAD_NAME,
          List.of(Subjects.DEAD_ALL),
          StreamSpec.Discard.OLD,
          Duration.ofMinutes(2),
          Duration.ofDays(14),
          1);

  private Streams() {}
}
