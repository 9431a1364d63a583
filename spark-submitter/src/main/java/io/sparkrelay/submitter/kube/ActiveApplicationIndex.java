package io.sparkrelay.submitter.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.StartupEvent;
import io.sparkrelay.common.kube.WatchedInformers;
import io.sparkrelay.common.nats.AdmissionLedger.Presence;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The Spark Relay SparkApplications of each allowed namespace, as informers see them. One informer
 * per namespace (not cluster-wide) keeps the RBAC to the data namespaces. It also remembers for a
 * while which applications it saw deleted, so the admission ledger can let their places go at once.
 */
@ApplicationScoped
public class ActiveApplicationIndex {

  /** How long a deletion is remembered; longer than the admission's grace for unseen names. */
  static final Duration DELETIONS_KEPT = Duration.ofMinutes(10);

  private final KubernetesClient client;
  private final List<String> namespaces;
  private final Set<String> terminalStates;
  private final Clock clock;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final Map<String, Instant> deleted = new ConcurrentHashMap<>();
  // retried while the API is away, and able to say which namespace is not watched yet and why
  private final WatchedInformers watched = new WatchedInformers();

  @Inject
  protected ActiveApplicationIndex(KubernetesClient client, SubmitterConfig config) {
    this(
        client,
        config.policy().allowedNamespaces(),
        config.admission().terminalStates(),
        Clock.systemUTC());
  }

  /**
   * @param namespaces the namespaces watched, one informer each
   * @param terminalStates application states that no longer count
   */
  public ActiveApplicationIndex(
      KubernetesClient client, List<String> namespaces, Set<String> terminalStates, Clock clock) {
    this.client = client;
    this.namespaces = List.copyOf(namespaces);
    this.terminalStates = Set.copyOf(terminalStates);
    this.clock = clock;
  }

  void start(@Observes StartupEvent event) {
    start();
  }

  /** Starts the informers; returns at once, they keep trying while the API server is away. */
  public void start() {
    for (String namespace : namespaces) {
      SharedIndexInformer<GenericKubernetesResource> informer =
          client
              .genericKubernetesResources(SparkApplications.CONTEXT)
              .inNamespace(namespace)
              .withLabel(RelayLabels.MANAGED_BY, RelayLabels.MANAGED_BY_VALUE)
              .runnableInformer(0);
      informer.addEventHandler(new DeletionHandler());
      informers.put(namespace, watched.add("SparkApplications in " + namespace, informer));
    }
    watched.startAll();
  }

  /** Whether every namespace's informer has listed once and is watching now. */
  public boolean isReady() {
    return watched.isWatching();
  }

  /** Why not every namespace's informer is watching (with its last error), or empty. */
  public Optional<String> notWatching() {
    return watched.notWatching();
  }

  /** Whether the namespace's informer has listed once, so its counts mean something. */
  public boolean isSynced(String namespace) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(namespace);
    return informer != null && informer.hasSynced();
  }

  /** The application as the informer last saw it; empty also when the informer lags behind. */
  public Optional<GenericKubernetesResource> find(String namespace, String name) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(namespace);
    return informer == null
        ? Optional.empty()
        : Optional.ofNullable(informer.getStore().getByKey(namespace + "/" + name));
  }

  /** Names of the namespace's relay applications whose state is not terminal. */
  public Set<String> unfinished(String namespace) {
    return applications(namespace).entrySet().stream()
        .filter(e -> !terminalStates.contains(e.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  /**
   * What the informer knows of an application admitted at {@code admitted}: listed and not
   * terminal, terminal or deleted since, or not seen (yet: the informer lags behind a create).
   */
  public Presence presence(String namespace, String name, Instant admitted) {
    Optional<GenericKubernetesResource> application = find(namespace, name);
    if (application.isPresent()) {
      return terminalStates.contains(SparkApplications.state(application.get()))
          ? Presence.FINISHED
          : Presence.ACTIVE;
    }
    return deletedAt(namespace, name).filter(at -> at.isAfter(admitted)).isPresent()
        ? Presence.FINISHED
        : Presence.UNSEEN;
  }

  /** When the informer saw the application deleted, within the last {@link #DELETIONS_KEPT}. */
  protected Optional<Instant> deletedAt(String namespace, String name) {
    return Optional.ofNullable(deleted.get(namespace + "/" + name));
  }

  /** The namespace's relay applications by name, with their states, as the informer holds them. */
  protected Map<String, String> applications(String namespace) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(namespace);
    if (informer == null) {
      return Map.of();
    }
    return informer.getStore().list().stream()
        .collect(
            Collectors.toMap(
                a -> a.getMetadata().getName(), SparkApplications::state, (a, b) -> a));
  }

  /** Remembers each deletion for {@link #DELETIONS_KEPT}. */
  private final class DeletionHandler implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource application) {
      // counted from the store
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      // counted from the store
    }

    @Override
    public void onDelete(GenericKubernetesResource application, boolean finalStateUnknown) {
      Instant now = clock.instant();
      deleted.values().removeIf(at -> at.isBefore(now.minus(DELETIONS_KEPT)));
      deleted.put(
          application.getMetadata().getNamespace() + "/" + application.getMetadata().getName(),
          now);
    }
  }

  @PreDestroy
  public void stop() {
    watched.stopAll();
  }
}
