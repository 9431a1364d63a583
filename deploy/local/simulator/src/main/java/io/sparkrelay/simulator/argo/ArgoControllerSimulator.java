package io.sparkrelay.simulator.argo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sparkrelay.simulator.SimulatorSettings;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.simulator.kube.SharedPods;
import io.sparkrelay.standin.RelayCustomResources;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SIMULATOR of Argo's workflow controller, for the local chain and tests only: every new Workflow
 * (no phase yet) in any namespace is run once by a {@link WorkflowExecution}. Workflows that
 * already have a phase (e.g. after a simulator restart) are left alone.
 */
public final class ArgoControllerSimulator implements AutoCloseable {

  private static final System.Logger LOG =
      System.getLogger(ArgoControllerSimulator.class.getName());

  private final KubernetesClient client;
  private final KubernetesClient executor;
  private final SimulatorSettings settings;
  private final SharedPods sharedPods;
  private final ServiceAliases serviceAliases;
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
  private SharedIndexInformer<GenericKubernetesResource> informer;

  /**
   * @param client the workflow controller's identity
   * @param executor the identity resource steps run as (the Workflow's service account)
   */
  public ArgoControllerSimulator(
      KubernetesClient client,
      KubernetesClient executor,
      SimulatorSettings settings,
      SharedPods sharedPods) {
    this.client = client;
    this.executor = executor;
    this.settings = settings;
    this.sharedPods = sharedPods;
    this.serviceAliases = new ServiceAliases(settings.serviceAliases());
  }

  public void start() {
    informer =
        client
            .genericKubernetesResources(RelayCustomResources.WORKFLOW)
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(GenericKubernetesResource workflow) {
                    maybeRun(workflow);
                  }

                  @Override
                  public void onUpdate(
                      GenericKubernetesResource old, GenericKubernetesResource workflow) {
                    maybeRun(workflow);
                  }

                  @Override
                  public void onDelete(GenericKubernetesResource workflow, boolean unknown) {
                    // a running execution notices when its status writes fail
                  }
                });
  }

  private void maybeRun(GenericKubernetesResource workflow) {
    String phase = Json.text(Json.tree(workflow), "status.phase");
    if (!phase.isEmpty() || !started.add(workflow.getMetadata().getUid())) {
      return;
    }
    LOG.log(
        System.Logger.Level.INFO,
        "workflow {0}/{1} picked up",
        workflow.getMetadata().getNamespace(),
        workflow.getMetadata().getName());
    runs.submit(
        new WorkflowExecution(client, executor, settings, sharedPods, serviceAliases, workflow));
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    runs.shutdownNow();
  }
}
