package io.sparkrelay.submitter.submission;

import io.sparkrelay.submitter.config.SubmitterConfig;
import io.sparkrelay.submitter.kube.ActiveApplicationIndex;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Lets at most {@code relay.admission.max-active-per-namespace} unfinished relay applications exist
 * per namespace. Counts come from the informer; applications created here but not yet seen by it
 * count too, and the check and the create run under one lock per namespace, so neither informer lag
 * nor concurrent requests can overshoot the limit.
 */
@ApplicationScoped
public class AdmissionGate {

  /** How long a created application counts without the informer having seen it. */
  static final Duration UNSEEN_GRACE = Duration.ofMinutes(2);

  private final ActiveApplicationIndex index;
  private final SubmitterConfig.Admission settings;
  private final Clock clock;
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Instant>> unseen = new ConcurrentHashMap<>();

  @Inject
  AdmissionGate(ActiveApplicationIndex index, SubmitterConfig config) {
    this(index, config.admission(), Clock.systemUTC());
  }

  AdmissionGate(ActiveApplicationIndex index, SubmitterConfig.Admission settings, Clock clock) {
    this.index = index;
    this.settings = settings;
    this.clock = clock;
    index.whenSeen(this::seen);
  }

  /** The informer knows the application now: its own state counts from here on. */
  private void seen(String namespace, String name) {
    Map<String, Instant> pending = unseen.get(namespace);
    if (pending != null) {
      pending.remove(name);
    }
  }

  /**
   * Runs {@code create} when the namespace has room; empty when it has none. A result for which
   * {@code tookSlot} is true (a new application) counts until the informer reports on it.
   *
   * @throws AdmissionUnavailableException while the namespace's informer has not synced
   */
  public <T> Optional<T> ifRoom(
      String namespace, String name, Supplier<T> create, Predicate<T> tookSlot) {
    if (!index.isSynced(namespace)) {
      throw new AdmissionUnavailableException(namespace);
    }
    Map<String, Instant> pending =
        unseen.computeIfAbsent(namespace, n -> new ConcurrentHashMap<>());
    // only count-and-reserve is serialized; the creates themselves run in parallel
    synchronized (locks.computeIfAbsent(namespace, n -> new Object())) {
      if (unfinished(namespace) >= settings.maxActivePerNamespace()) {
        return Optional.empty();
      }
      pending.put(name, clock.instant());
    }
    T result;
    try {
      result = create.get();
    } catch (RuntimeException e) {
      pending.remove(name);
      throw e;
    }
    if (!tookSlot.test(result)) {
      pending.remove(name);
    }
    return Optional.of(result);
  }

  /** Unfinished applications of the namespace, those created but not yet seen included. */
  public int unfinished(String namespace) {
    Set<String> counted = new HashSet<>(index.unfinished(namespace));
    Map<String, Instant> pending = unseen.getOrDefault(namespace, Map.of());
    if (!pending.isEmpty()) {
      Instant oldest = clock.instant().minus(UNSEEN_GRACE);
      pending.values().removeIf(created -> created.isBefore(oldest));
      counted.addAll(pending.keySet());
    }
    return counted.size();
  }

  public int limit() {
    return settings.maxActivePerNamespace();
  }

  public Duration retryAfter() {
    return settings.retryAfter();
  }
}
