package io.sparkrelay.submitter.submission;

import io.sparkrelay.common.nats.AdmissionLedger;
import io.sparkrelay.common.nats.AdmissionLedger.Decision;
import io.sparkrelay.common.nats.AdmissionLedger.Presence;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Services;
import io.sparkrelay.contract.Streams;
import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.kube.ActiveApplicationIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lets at most {@code relay.admission.max-active-per-namespace} unfinished relay applications exist
 * per namespace, whatever the number of replicas. The places are held in the admission ledger
 * (common/nats: key {@code spark-submitter.<namespace>} of the bucket {@code relay-admission}),
 * taken with a compare-and-set on the entry's revision, so replicas racing each other cannot
 * overshoot: a replica that lost the race decides again on the set the winner wrote. The informer
 * tidies the set: an application it shows terminal, or deleted, gives its place back; one it has
 * not seen gives it back {@link #UNSEEN_GRACE} after its admission (informers lag behind a create);
 * the unfinished ones it shows count even when the set lacks them. Without NATS nothing is created:
 * {@link AdmissionUnavailableException}, answered 503 with Retry-After.
 */
@ApplicationScoped
public class AdmissionGate {

  /** How long a created application counts without the informer having seen it. */
  static final Duration UNSEEN_GRACE = Duration.ofMinutes(2);

  private static final String KEY_PREFIX = Services.SPARK_SUBMITTER + ".";

  private final ActiveApplicationIndex index;
  private final SubmitterConfig.Admission settings;
  private final AdmissionLedger ledger;

  @Inject
  AdmissionGate(ActiveApplicationIndex index, SubmitterConfig config, NatsConnection nats) {
    this(index, config.admission(), nats, Clock.systemUTC());
  }

  /** A gate of its own (one replica's), over {@code nats}. */
  public AdmissionGate(
      ActiveApplicationIndex index,
      SubmitterConfig.Admission settings,
      NatsConnection nats,
      Clock clock) {
    int limit = settings.maxActivePerNamespace();
    if (limit < 1 || limit > AdmissionLedger.MAX_PLACES) {
      // the ledger's entry for a namespace lists every place: past this it outgrows NATS' payload
      throw new IllegalArgumentException(
          "relay.admission.max-active-per-namespace must be 1 to "
              + AdmissionLedger.MAX_PLACES
              + ", got "
              + limit);
    }
    this.index = index;
    this.settings = settings;
    this.ledger =
        new AdmissionLedger(
            nats, Streams.ADMISSION_BUCKET, new InformerView(), UNSEEN_GRACE, clock);
  }

  /**
   * Runs {@code create} when the namespace has room; empty when it has none. A result for which
   * {@code tookSlot} is false (the application was there already) gives its hold on the place back
   * (the application counts as the informer shows it); so does a create that fails. A request for a
   * name admitted already (a retry while the first create runs) holds the place too, so the first
   * one's failure does not leave the retry's create without one.
   *
   * @throws AdmissionUnavailableException while the namespace's informer has not synced, or the
   *     ledger cannot be reached
   */
  public <T> Optional<T> ifRoom(
      String namespace, String name, Supplier<T> create, Predicate<T> tookSlot) {
    if (!index.isSynced(namespace)) {
      throw new AdmissionUnavailableException(namespace);
    }
    String key = KEY_PREFIX + namespace;
    Decision decision;
    try {
      decision = ledger.admit(key, name, settings.maxActivePerNamespace());
    } catch (AdmissionLedger.UnavailableException e) {
      throw new AdmissionUnavailableException(namespace, e);
    }
    if (!decision.admitted()) {
      return Optional.empty();
    }
    T result;
    try {
      result = create.get();
    } catch (RuntimeException e) {
      ledger.release(key, name);
      throw e;
    }
    if (!tookSlot.test(result)) {
      ledger.release(key, name);
    }
    return Optional.of(result);
  }

  /**
   * Unfinished applications of the namespace as the ledger counts them now.
   *
   * @throws AdmissionUnavailableException when the ledger cannot be reached
   */
  public int unfinished(String namespace) {
    try {
      return ledger.count(KEY_PREFIX + namespace);
    } catch (AdmissionLedger.UnavailableException e) {
      throw new AdmissionUnavailableException(namespace, e);
    }
  }

  public int limit() {
    return settings.maxActivePerNamespace();
  }

  public Duration retryAfter() {
    return settings.retryAfter();
  }

  /** The ledger's keys are the namespaces; the informers say what became of each name. */
  private final class InformerView implements AdmissionLedger.View {
    @Override
    public Presence presence(String key, String name, Instant admitted) {
      return index.presence(namespaceOf(key), name, admitted);
    }

    @Override
    public Set<String> active(String key) {
      return index.unfinished(namespaceOf(key));
    }

    private String namespaceOf(String key) {
      return key.substring(KEY_PREFIX.length());
    }
  }
}
