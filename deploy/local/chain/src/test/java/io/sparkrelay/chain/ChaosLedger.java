package io.sparkrelay.chain;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sparkrelay.standin.RelayCustomResources;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * What the cluster was asked to hold during a chaos run, kept as it happens rather than read at the
 * end: every Workflow and SparkApplication ever created, by run id (the label {@code
 * spark-relay.io/run-id}) and uid, from informers of the admin's. A finished run's objects are
 * deleted some time after the end ({@link #collect}), as a cluster's TTL clean-up would (the CRUD
 * stand-in slows with every object it holds); one created again after that still counts as a
 * second, so the clean-up can make a duplicate appear, never hide one.
 */
final class ChaosLedger implements AutoCloseable {

  static final String RUN_ID = "spark-relay.io/run-id";
  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Error");

  private final KubernetesClient kube;
  private final Map<String, Set<String>> workflows = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> applications = new ConcurrentHashMap<>();
  private final Set<String> collected = ConcurrentHashMap.newKeySet();
  private final AtomicInteger collectedRuns = new AtomicInteger();
  private final ExecutorService collectors = Executors.newFixedThreadPool(8);
  private SharedIndexInformer<GenericKubernetesResource> workflowInformer;
  private SharedIndexInformer<GenericKubernetesResource> applicationInformer;

  ChaosLedger(KubernetesClient kube) {
    this.kube = kube;
  }

  ChaosLedger start() {
    workflowInformer = inform(RelayCustomResources.WORKFLOW, workflows);
    applicationInformer = inform(RelayCustomResources.SPARK_APPLICATION, applications);
    return this;
  }

  private SharedIndexInformer<GenericKubernetesResource> inform(
      ResourceDefinitionContext kind, Map<String, Set<String>> byRun) {
    return kube.genericKubernetesResources(kind)
        .inAnyNamespace()
        .inform(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(GenericKubernetesResource item) {
                String run = runId(item);
                if (run != null) {
                  byRun
                      .computeIfAbsent(run, r -> ConcurrentHashMap.newKeySet())
                      .add(item.getMetadata().getUid());
                }
              }

              @Override
              public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource item) {
                onAdd(item);
              }

              @Override
              public void onDelete(GenericKubernetesResource item, boolean unknown) {
                // kept: the ledger counts what was ever created
              }
            });
  }

  /** Workflows ever created for {@code runId}. */
  int workflows(String runId) {
    return workflows.getOrDefault(runId, Set.of()).size();
  }

  /** SparkApplications ever created for {@code runId}. */
  int applications(String runId) {
    return applications.getOrDefault(runId, Set.of()).size();
  }

  /** Every run id that has a Workflow. */
  Set<String> runsWithWorkflows() {
    return Set.copyOf(workflows.keySet());
  }

  int collectedRuns() {
    return collectedRuns.get();
  }

  /**
   * Deletes the Workflow, SparkApplications and pods of every run whose end the status-reporter
   * announced ({@code announced}) and whose Workflow finished more than {@code ttl} ago (Argo's
   * ttlStrategy and the Spark Operator's clean-up, much sooner than a cluster's day). The ttl must
   * outlast any redelivery of the run's event (AckWait and the consumer's backoff), or a create
   * retried after the deletion would make a second Workflow; a run not announced yet keeps its
   * objects, so that the reporter, however far behind, still finds what it has to read.
   */
  void collect(Duration ttl, Predicate<String> announced) {
    Instant before = Instant.now().minus(ttl);
    List<Callable<Void>> deletions = new ArrayList<>();
    for (GenericKubernetesResource workflow : workflowInformer.getStore().list()) {
      String run = runId(workflow);
      if (run == null
          || collected.contains(run)
          || !announced.test(run)
          || !finishedBefore(workflow, before)) {
        continue;
      }
      deletions.add(
          () -> {
            try {
              delete(workflow, run);
              collected.add(run);
              collectedRuns.incrementAndGet();
            } catch (KubernetesClientException e) {
              // the stand-in too slow to answer in time: this run on the next pass
            }
            return null;
          });
    }
    try {
      // on several threads: the stand-in serves every caller in turn on its one event loop, and a
      // single deleting thread would get a small share of it next to the simulated controllers
      collectors.invokeAll(deletions);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void delete(GenericKubernetesResource workflow, String run) {
    kube.genericKubernetesResources(RelayCustomResources.WORKFLOW)
        .inNamespace(workflow.getMetadata().getNamespace())
        .withName(workflow.getMetadata().getName())
        .delete();
    // by label, one run at a time: the CRUD stand-in does not honour a selector "run-id in (...)"
    // and would delete everything
    kube.genericKubernetesResources(RelayCustomResources.SPARK_APPLICATION)
        .inAnyNamespace()
        .withLabel(RUN_ID, run)
        .delete();
    kube.pods().inAnyNamespace().withLabel(RUN_ID, run).delete();
  }

  private static boolean finishedBefore(GenericKubernetesResource workflow, Instant before) {
    Object status = workflow.getAdditionalProperties().get("status");
    if (!(status instanceof Map<?, ?> map)
        || !FINISHED.contains(String.valueOf(map.get("phase")))) {
      return false;
    }
    try {
      return Instant.parse(String.valueOf(map.get("finishedAt"))).isBefore(before);
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String runId(GenericKubernetesResource item) {
    Map<String, String> labels = item.getMetadata().getLabels();
    return labels == null ? null : labels.get(RUN_ID);
  }

  @Override
  public void close() {
    collectors.shutdownNow();
    if (workflowInformer != null) {
      workflowInformer.close();
    }
    if (applicationInformer != null) {
      applicationInformer.close();
    }
  }
}
