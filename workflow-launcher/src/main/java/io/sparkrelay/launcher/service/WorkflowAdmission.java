package io.sparkrelay.launcher.service;

import io.quarkus.runtime.ShutdownEvent;
import io.sparkrelay.common.nats.AdmissionLedger;
import io.sparkrelay.common.nats.AdmissionLedger.Decision;
import io.sparkrelay.common.nats.AdmissionLedger.Presence;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Streams;
import io.sparkrelay.launcher.config.LauncherConfig;
import io.sparkrelay.launcher.kube.UnfinishedWorkflows;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * {@code relay.limits.max-unfinished-workflows} as a hard limit across replicas: before a Workflow
 * is created it takes a place in the admission ledger (common/nats: key {@code
 * workflow-launcher.workflows} of the bucket {@code relay-admission}, one compare-and-set on the
 * entry's revision), so replicas racing each other never hold more Workflows unfinished than the
 * limit together. The informers tidy the ledger: a Workflow they show finished, or deleted, gives
 * its place back; one they have not seen gives it back {@link #UNSEEN_GRACE} after its admission;
 * the unfinished ones they show count even when the ledger lacks them.
 *
 * <p>At the limit the worker keeps its event (heartbeats keep it from being redelivered) and waits
 * until a Workflow finishes, looking again at least every second. Without NATS the admission fails
 * like any transient fault: the event is nak'ed and comes back later. The dispatcher's own count
 * (the informer's, less the events in hand) still keeps it from pulling events there is no room
 * for; the ledger is what makes the limit exact.
 */
@ApplicationScoped
public class WorkflowAdmission {

  /** How long a created Workflow counts without the informer having seen it. */
  static final Duration UNSEEN_GRACE = Duration.ofMinutes(2);

  /** The ledger key of the launcher's one limit (all rule namespaces together). */
  static final String KEY = Services.WORKFLOW_LAUNCHER + ".workflows";

  private static final long LOOK_AGAIN_MILLIS = 1000;

  private final UnfinishedWorkflows unfinished;
  private final int limit;
  private final AdmissionLedger ledger;
  private volatile boolean stopping;

  @Inject
  WorkflowAdmission(UnfinishedWorkflows unfinished, NatsConnection nats, LauncherConfig config) {
    this(unfinished, nats, config.limits().maxUnfinishedWorkflows(), Clock.systemUTC());
  }

  /**
   * One replica's admission, over {@code nats}.
   *
   * @param limit most unfinished Workflows; 0 or less: no limit (no ledger either)
   */
  public WorkflowAdmission(
      UnfinishedWorkflows unfinished, NatsConnection nats, int limit, Clock clock) {
    this.unfinished = unfinished;
    this.limit = limit;
    this.ledger =
        limit <= 0
            ? null
            : new AdmissionLedger(
                nats, Streams.ADMISSION_BUCKET, new InformerView(), UNSEEN_GRACE, clock);
  }

  /** Whether there is a limit at all. */
  public boolean limited() {
    return ledger != null;
  }

  /**
   * A place for the Workflow now, or none.
   *
   * @throws AdmissionLedger.UnavailableException when the ledger cannot be reached
   */
  public Decision tryAdmit(String namespace, String name) {
    if (ledger == null) {
      return new Decision(true, false, 0);
    }
    return ledger.admit(KEY, namespace + "/" + name, limit);
  }

  /**
   * Waits for a place for the Workflow, calling {@code heartbeat} every {@code heartbeatNanos}
   * while it waits; then this call holds the place until it {@link #release}s it or the informers
   * show the Workflow finished. A second delivery of the same event holds the same place too.
   *
   * @throws InterruptedException when interrupted, or the service is stopping
   * @throws AdmissionLedger.UnavailableException when the ledger cannot be reached
   */
  public void acquire(String namespace, String name, Runnable heartbeat, long heartbeatNanos)
      throws InterruptedException {
    long lastBeat = System.nanoTime();
    while (true) {
      if (tryAdmit(namespace, name).admitted()) {
        return;
      }
      if (stopping) {
        throw new InterruptedException("stopping while waiting for an admission");
      }
      unfinished.awaitChange(Math.min(LOOK_AGAIN_MILLIS, Math.max(1, heartbeatNanos / 1_000_000)));
      if (System.nanoTime() - lastBeat >= heartbeatNanos) {
        heartbeat.run();
        lastBeat = System.nanoTime();
      }
    }
  }

  /**
   * Gives back the hold {@link #acquire} gave (the create failed, or found the Workflow there); the
   * place goes with the last hold, unless the informers show the Workflow unfinished.
   */
  public void release(String namespace, String name) {
    if (ledger != null) {
      ledger.release(KEY, namespace + "/" + name);
    }
  }

  /**
   * Workflows holding a place now, across replicas.
   *
   * @throws AdmissionLedger.UnavailableException when the ledger cannot be reached
   */
  public int admitted() {
    return ledger == null ? 0 : ledger.count(KEY);
  }

  /** Before the consumer waits for its workers: a worker waiting for a place gives up. */
  void onStop(@Observes @Priority(1) ShutdownEvent event) {
    stopping = true;
  }

  /** The informers say what became of each Workflow ({@code <namespace>/<name>}). */
  private final class InformerView implements AdmissionLedger.View {
    @Override
    public Presence presence(String key, String name, Instant admitted) {
      return unfinished.presence(name, admitted);
    }

    @Override
    public Set<String> active(String key) {
      return unfinished.unfinishedKeys();
    }
  }
}
