package io.sparkrelay.reporter.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.logging.Log;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.common.kube.WatchedInformers;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.reporter.PodState;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.observe.ApplicationFacts;
import io.sparkrelay.reporter.observe.PodFacts;
import io.sparkrelay.reporter.observe.Provenance;
import io.sparkrelay.reporter.observe.WorkflowFacts;
import io.sparkrelay.reporter.tracking.RunTracker;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * Watches (never polls) the Workflows, SparkApplications and pods that carry the {@code
 * spark-relay.io/run-id} label, in the configured namespaces or in all. Facts that could not be
 * stored (NATS away) are stored again by {@link #resync()}, from the informers' caches.
 *
 * <p>Only objects Spark Relay made count ({@link Provenance}): Workflows and SparkApplications
 * labelled {@code app.kubernetes.io/managed-by: spark-relay}, pods whose owner chain leads to such
 * a SparkApplication of the same run, looked up in the caches here. A pod seen before its owner is
 * looked at again when the SparkApplication or the driver pod arrives.
 */
@ApplicationScoped
public class RunInformers {

  static final ResourceDefinitionContext WORKFLOWS =
      KubeResources.context(CustomResources.WORKFLOW);

  static final ResourceDefinitionContext SPARK_APPLICATIONS =
      KubeResources.context(CustomResources.SPARK_APPLICATION);

  /**
   * Pods are watched as generic resources and only their status is read into the typed model: the
   * typed pod's spec is a graph of hundreds of classes whose JSON binding took half a second to
   * build at start, for fields the reporter never reads.
   */
  static final ResourceDefinitionContext PODS =
      ResourceDefinitionContext.fromResourceType(Pod.class);

  private final KubernetesClient client;
  private final ReporterConfig config;
  private final RunTracker tracker;
  // read by the readiness probe without a lock: a probe must never wait for start() or stop()
  private final List<Watched<?>> watched = new CopyOnWriteArrayList<>();
  private volatile boolean missedFacts;
  // retried while the API is away, and able to say which one is not watching and why
  private final WatchedInformers informers = new WatchedInformers();
  // the caches the pods' owners are looked up in, one informer per data namespace (or one for all)
  private final List<SharedIndexInformer<GenericKubernetesResource>> applicationInformers =
      new CopyOnWriteArrayList<>();
  private final List<Watched<GenericKubernetesResource>> podInformers =
      new CopyOnWriteArrayList<>();

  /** Index of the pod caches: namespace/run id. */
  private static final String BY_RUN = "run";

  RunInformers(KubernetesClient client, ReporterConfig config, RunTracker tracker) {
    this.client = client;
    this.config = config;
    this.tracker = tracker;
  }

  private record Watched<T extends HasMetadata>(
      String what, SharedIndexInformer<T> informer, FactHandler<T> handler) {
    void resync() {
      informer.getStore().list().forEach(handler::handle);
    }
  }

  public synchronized void start() {
    if (!watched.isEmpty()) {
      return;
    }
    List<String> workflowNamespaces = config.watch().workflowNamespaces().orElse(List.of());
    List<String> dataNamespaces = config.watch().dataNamespaces().orElse(List.of());
    for (String namespace : orAll(workflowNamespaces)) {
      start(
          namespace == null
              ? client.genericKubernetesResources(WORKFLOWS).inAnyNamespace()
              : client.genericKubernetesResources(WORKFLOWS).inNamespace(namespace),
          "Workflows in " + where(namespace),
          WorkflowFacts::from);
    }
    for (String namespace : orAll(dataNamespaces)) {
      Watched<GenericKubernetesResource> applications =
          start(
              namespace == null
                  ? client.genericKubernetesResources(SPARK_APPLICATIONS).inAnyNamespace()
                  : client.genericKubernetesResources(SPARK_APPLICATIONS).inNamespace(namespace),
              "SparkApplications in " + where(namespace),
              ApplicationFacts::from,
              informer -> {});
      applicationInformers.add(applications.informer());
      Watched<GenericKubernetesResource> pods =
          start(
              namespace == null
                  ? client.genericKubernetesResources(PODS).inAnyNamespace()
                  : client.genericKubernetesResources(PODS).inNamespace(namespace),
              "pods in " + where(namespace),
              (pod, now) ->
                  Provenance.isPodOfRelayApplication(pod, this::application, this::pod)
                      ? PodFacts.from(statusOnly(pod), now)
                      : Optional.empty(),
              informer -> informer.addIndexers(Map.of(BY_RUN, RunInformers::runKey)));
      podInformers.add(pods);
      // a pod whose owner was not cached yet is looked at again when the owner arrives
      applications.informer().addEventHandler(onAdd(this::recheckPodsOfRun));
      pods.informer()
          .addEventHandler(
              onAdd(
                  pod -> {
                    if (PodState.DRIVER.equals(label(pod, RelayLabels.SPARK_ROLE))) {
                      recheckPodsOfRun(pod);
                    }
                  }));
    }
    applicationInformers.forEach(SharedIndexInformer::start);
    podInformers.forEach(w -> w.informer().start());
    Log.infof(
        "watching Workflows in %s, SparkApplications and pods in %s, labelled %s",
        where(workflowNamespaces), where(dataNamespaces), RelayLabels.RUN_ID);
  }

  /** The namespaces, or one null entry standing for all of them. */
  private static List<String> orAll(List<String> namespaces) {
    return namespaces.isEmpty() ? java.util.Collections.singletonList(null) : namespaces;
  }

  private static String where(List<String> namespaces) {
    return namespaces.isEmpty() ? "all namespaces" : namespaces.toString();
  }

  private static String where(String namespace) {
    return namespace == null ? "all namespaces" : namespace;
  }

  private Pod statusOnly(GenericKubernetesResource resource) {
    Pod pod = new Pod();
    pod.setMetadata(resource.getMetadata());
    Object status = resource.getAdditionalProperties().get("status");
    if (status != null) {
      pod.setStatus(client.getKubernetesSerialization().convertValue(status, PodStatus.class));
    }
    return pod;
  }

  private <T extends HasMetadata, L> void start(
      FilterWatchListDeletable<T, L, ?> resources,
      String what,
      BiFunction<T, Instant, Optional<RunState>> facts) {
    start(resources, what, facts, informer -> {}).informer().start();
  }

  /** Builds the informer of {@code resources}, without starting it. */
  private <T extends HasMetadata, L> Watched<T> start(
      FilterWatchListDeletable<T, L, ?> resources,
      String what,
      BiFunction<T, Instant, Optional<RunState>> facts,
      java.util.function.Consumer<SharedIndexInformer<T>> beforeStart) {
    Informable<T> informable = resources.withLabel(RelayLabels.RUN_ID);
    SharedIndexInformer<T> informer =
        informable.runnableInformer(config.watch().resyncPeriod().toMillis());
    FactHandler<T> handler = new FactHandler<>(facts, tracker::tryApply, () -> missedFacts = true);
    informer.itemStore(new SlimItemStore<>());
    beforeStart.accept(informer);
    informer.addEventHandler(handler);
    informers.add(what, informer);
    Watched<T> w = new Watched<>(what, informer, handler);
    watched.add(w);
    return w;
  }

  private static List<String> runKey(GenericKubernetesResource pod) {
    String runId = label(pod, RelayLabels.RUN_ID);
    return runId == null ? List.of() : List.of(pod.getMetadata().getNamespace() + "/" + runId);
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }

  /** The cached SparkApplication of that namespace and name, or null. */
  private GenericKubernetesResource application(String namespace, String name) {
    for (SharedIndexInformer<GenericKubernetesResource> informer : applicationInformers) {
      GenericKubernetesResource found = informer.getStore().getByKey(namespace + "/" + name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** The cached pod of that namespace and name, or null. */
  private GenericKubernetesResource pod(String namespace, String name) {
    for (Watched<GenericKubernetesResource> pods : podInformers) {
      GenericKubernetesResource found = pods.informer().getStore().getByKey(namespace + "/" + name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Hands the cached pods of {@code owner}'s run (in its namespace) to their handler again. */
  private void recheckPodsOfRun(HasMetadata owner) {
    String runId = label(owner, RelayLabels.RUN_ID);
    if (runId == null) {
      return;
    }
    String key = owner.getMetadata().getNamespace() + "/" + runId;
    for (Watched<GenericKubernetesResource> pods : podInformers) {
      pods.informer().getIndexer().byIndex(BY_RUN, key).forEach(pods.handler()::handle);
    }
  }

  private static <T> ResourceEventHandler<T> onAdd(java.util.function.Consumer<T> action) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        action.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {}

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
    };
  }

  /** Hands every cached object to the tracker again, e.g. after NATS came back. */
  public void resync() {
    List<Watched<?>> current;
    synchronized (this) {
      current = List.copyOf(watched);
    }
    missedFacts = false;
    current.forEach(Watched::resync);
  }

  /** Whether some facts could not be stored since the last resync. */
  public boolean missedFacts() {
    return missedFacts;
  }

  /** True when every informer has listed its objects and is watching. */
  public boolean watching() {
    return notWatching().isEmpty();
  }

  /** Why not every informer is watching (the first one found, with its last error), or empty. */
  public Optional<String> notWatching() {
    return informers.notWatching();
  }

  public synchronized void stop() {
    informers.stopAll();
    watched.clear();
    applicationInformers.clear();
    podInformers.clear();
  }
}
