package io.sparkrelay.launcher.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.common.kube.WatchedInformers;
import io.sparkrelay.common.nats.AdmissionLedger.Presence;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.launcher.rules.TriggerRules;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts Spark Relay Workflows that have not finished (phase not Succeeded, Failed or Error), from
 * informers on the rules' namespaces: the launcher stops fetching events while the count is at the
 * limit. No polling: the count follows the watch. It also tells the admission ledger what became of
 * a Workflow (unfinished, finished, deleted since its admission, or not seen yet), remembering
 * deletions for a while.
 */
@ApplicationScoped
public class UnfinishedWorkflows {

  private static final ResourceDefinitionContext WORKFLOWS =
      KubeResources.context(CustomResources.WORKFLOW);

  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Error");

  /** How long a deletion is remembered; longer than the admission's grace for unseen names. */
  static final Duration DELETIONS_KEPT = Duration.ofMinutes(10);

  private final KubernetesClient client;
  private final Set<String> namespaces;
  private final Clock clock;
  private final Map<String, Boolean> unfinished = new ConcurrentHashMap<>();
  private final Map<String, Instant> deleted = new ConcurrentHashMap<>();
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentSkipListMap<>();
  // retried while the API is away, and able to say which namespace is not watched yet and why
  private final WatchedInformers watched = new WatchedInformers();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  @Inject
  UnfinishedWorkflows(KubernetesClient client, TriggerRules rules) {
    this(client, rules.namespaces(), Clock.systemUTC());
  }

  /** Watches the Workflows of {@code namespaces}. */
  public UnfinishedWorkflows(KubernetesClient client, Set<String> namespaces, Clock clock) {
    this.client = client;
    this.namespaces = Set.copyOf(namespaces);
    this.clock = clock;
  }

  /**
   * Starts one informer per namespace; returns at once, they keep retrying while the API is away.
   */
  public synchronized void start() {
    if (!informers.isEmpty()) {
      return;
    }
    for (String namespace : namespaces) {
      SharedIndexInformer<GenericKubernetesResource> informer =
          client
              .genericKubernetesResources(WORKFLOWS)
              .inNamespace(namespace)
              .withLabel(RelayLabels.MANAGED_BY, RelayLabels.MANAGED_BY_VALUE)
              .runnableInformer(0);
      informer.addEventHandler(new Handler());
      informers.put(namespace, watched.add("Workflows in " + namespace, informer));
    }
    watched.startAll();
  }

  /** Workflows seen and not finished. */
  public int count() {
    return unfinished.size();
  }

  /** The unfinished Workflows as {@code <namespace>/<name>}. */
  public Set<String> unfinishedKeys() {
    return Set.copyOf(unfinished.keySet());
  }

  /**
   * What the informers know of the Workflow {@code <namespace>/<name>} admitted at {@code
   * admitted}.
   */
  public Presence presence(String key, Instant admitted) {
    int slash = key.indexOf('/');
    SharedIndexInformer<GenericKubernetesResource> informer =
        slash < 0 ? null : informers.get(key.substring(0, slash));
    GenericKubernetesResource workflow =
        informer == null ? null : informer.getStore().getByKey(key);
    if (workflow != null) {
      return isFinished(workflow) ? Presence.FINISHED : Presence.ACTIVE;
    }
    Instant deletedAt = deleted.get(key);
    return deletedAt != null && deletedAt.isAfter(admitted) ? Presence.FINISHED : Presence.UNSEEN;
  }

  /** What the informers have seen of a Workflow, whatever its admission. */
  public enum Sighting {
    /** In the informer's store, finished or not. */
    PRESENT,
    /** Deleted within {@link #DELETIONS_KEPT} (a TTL clean-up, say), and not there again. */
    DELETED,
    /** Neither: not created yet, or gone longer ago than this launcher remembers. */
    UNSEEN
  }

  /** What the informers have seen of the Workflow {@code namespace}/{@code name}. */
  public Sighting sighting(String namespace, String name) {
    String key = namespace + "/" + name;
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(namespace);
    if (informer != null && informer.getStore().getByKey(key) != null) {
      return Sighting.PRESENT;
    }
    Instant deletedAt = deleted.get(key);
    return deletedAt != null && deletedAt.isAfter(clock.instant().minus(DELETIONS_KEPT))
        ? Sighting.DELETED
        : Sighting.UNSEEN;
  }

  /** Whether every informer has listed its namespace and is watching. */
  public boolean isWatching() {
    return notWatching().isEmpty();
  }

  /** Why not every informer is watching (the first one found, with its last error), or empty. */
  public Optional<String> notWatching() {
    return watched.notWatching();
  }

  /** Waits up to {@code millis} for a Workflow to finish or go away. */
  public void awaitChange(long millis) throws InterruptedException {
    lock.lock();
    try {
      changed.await(millis, TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counts a Workflow this launcher just created before its watch event arrives, so the limit holds
   * while the informer catches up; the informer's later events take over.
   */
  public void recordCreated(String namespace, String name) {
    unfinished.put(namespace + "/" + name, Boolean.TRUE);
  }

  private void record(GenericKubernetesResource workflow) {
    String key = workflow.getMetadata().getNamespace() + "/" + workflow.getMetadata().getName();
    if (isFinished(workflow)) {
      forget(key);
    } else {
      unfinished.put(key, Boolean.TRUE);
    }
  }

  private void forget(String key) {
    if (unfinished.remove(key) != null) {
      lock.lock();
      try {
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static boolean isFinished(GenericKubernetesResource workflow) {
    Object status = workflow.getAdditionalProperties().get("status");
    Object phase =
        status instanceof Map<?, ?> map ? ((Map<String, Object>) map).get("phase") : null;
    return phase != null && FINISHED.contains(phase.toString());
  }

  private final class Handler implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource workflow) {
      record(workflow);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      record(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource workflow, boolean finalStateUnknown) {
      String key = workflow.getMetadata().getNamespace() + "/" + workflow.getMetadata().getName();
      Instant now = clock.instant();
      deleted.values().removeIf(at -> at.isBefore(now.minus(DELETIONS_KEPT)));
      deleted.put(key, now);
      forget(key);
    }
  }

  @PreDestroy
  public synchronized void stop() {
    watched.stopAll();
    informers.clear();
  }
}
