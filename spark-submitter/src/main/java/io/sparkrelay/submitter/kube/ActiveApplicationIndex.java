package io.sparkrelay.submitter.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The Spark Relay SparkApplications of each allowed namespace, as informers see them. One informer
 * per namespace (not cluster-wide) keeps the RBAC to the data namespaces.
 */
@ApplicationScoped
public class ActiveApplicationIndex {

  private final KubernetesClient client;
  private final SubmitterConfig config;
  private final Map<String, SharedIndexInformer<GenericKubernetesResource>> informers =
      new ConcurrentHashMap<>();
  private final List<BiConsumer<String, String>> seenListeners = new CopyOnWriteArrayList<>();

  protected ActiveApplicationIndex(KubernetesClient client, SubmitterConfig config) {
    this.client = client;
    this.config = config;
  }

  void start(@Observes StartupEvent event) {
    for (String namespace : config.policy().allowedNamespaces()) {
      SharedIndexInformer<GenericKubernetesResource> informer =
          client
              .genericKubernetesResources(SparkApplications.CONTEXT)
              .inNamespace(namespace)
              .withLabel(RelayLabels.MANAGED_BY, RelayLabels.MANAGED_BY_VALUE)
              .runnableInformer(0);
      // keep trying while the API server is unreachable, also before the first list
      informer.exceptionHandler(
          (started, error) -> {
            Log.warnf("SparkApplication informer in %s: %s", namespace, error.getMessage());
            return true;
          });
      informer.addEventHandler(new SeenHandler());
      informers.put(namespace, informer);
      informer.start();
    }
  }

  /** Calls {@code listener} with namespace and name whenever an informer hears of one. */
  public void whenSeen(BiConsumer<String, String> listener) {
    seenListeners.add(listener);
  }

  /** Whether every namespace's informer has listed once and is watching now. */
  public boolean isReady() {
    return !informers.isEmpty()
        && informers.values().stream().allMatch(i -> i.hasSynced() && i.isWatching());
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
    Set<String> terminal = config.admission().terminalStates();
    return applications(namespace).entrySet().stream()
        .filter(e -> !terminal.contains(e.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private Map<String, String> applications(String namespace) {
    SharedIndexInformer<GenericKubernetesResource> informer = informers.get(namespace);
    if (informer == null) {
      return Map.of();
    }
    return informer.getStore().list().stream()
        .collect(
            Collectors.toMap(
                a -> a.getMetadata().getName(), SparkApplications::state, (a, b) -> a));
  }

  /** Tells the listeners about every add, change or delete the informers see. */
  private final class SeenHandler implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource application) {
      tell(application);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      tell(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource application, boolean finalStateUnknown) {
      tell(application);
    }

    private void tell(GenericKubernetesResource application) {
      String namespace = application.getMetadata().getNamespace();
      String name = application.getMetadata().getName();
      seenListeners.forEach(listener -> listener.accept(namespace, name));
    }
  }

  @PreDestroy
  void stop() {
    informers.values().forEach(SharedIndexInformer::stop);
  }
}
