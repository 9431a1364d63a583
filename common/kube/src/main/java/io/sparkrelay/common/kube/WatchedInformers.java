package io.sparkrelay.common.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * A service's informers, each named for what it watches ("Workflows in argo-workflows"). Each one
 * keeps retrying while the API server is away or refuses (a 403 when the RBAC does not grant the
 * watch) and logs why; {@link #notWatching} tells readiness which one is not listed or not watching
 * yet, with the last error it met. Read by probes without a lock.
 */
public final class WatchedInformers {

  private static final Logger LOG = Logger.getLogger(WatchedInformers.class);

  private record Watched(String what, SharedIndexInformer<?> informer) {}

  private final List<Watched> watched = new CopyOnWriteArrayList<>();
  private final Map<String, String> lastErrors = new ConcurrentHashMap<>();

  /**
   * Takes {@code informer} (built, not started) under the name {@code what}: from now on a failure
   * is logged and retried.
   */
  public <T extends HasMetadata> SharedIndexInformer<T> add(
      String what, SharedIndexInformer<T> informer) {
    informer.exceptionHandler(
        (started, error) -> {
          LOG.warnf("informer of %s: %s (retrying)", what, error.getMessage());
          lastErrors.put(what, String.valueOf(error.getMessage()));
          return true;
        });
    watched.add(new Watched(what, informer));
    return informer;
  }

  /** Starts every informer not started yet; returns at once. */
  public void startAll() {
    watched.forEach(w -> w.informer().start());
  }

  public boolean isEmpty() {
    return watched.isEmpty();
  }

  /** Whether every informer has listed once and is watching now. */
  public boolean isWatching() {
    return notWatching().isEmpty();
  }

  /** Why not every informer is watching (the first one found, with its last error), or empty. */
  public Optional<String> notWatching() {
    if (watched.isEmpty()) {
      return Optional.of("informers not started");
    }
    for (Watched w : watched) {
      String why = Optional.ofNullable(lastErrors.get(w.what())).map(e -> ": " + e).orElse("");
      if (!w.informer().hasSynced()) {
        return Optional.of(w.what() + " not listed yet" + why);
      }
      if (!w.informer().isWatching()) {
        return Optional.of("watch of " + w.what() + " not open" + why);
      }
    }
    return Optional.empty();
  }

  /** Stops every informer and forgets them; {@link #add} may be called again. */
  public void stopAll() {
    watched.forEach(w -> w.informer().stop());
    watched.clear();
    lastErrors.clear();
  }
}
