package io.sparkrelay.launcher.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.launcher.rules.EventRefusedException;
import io.sparkrelay.launcher.rules.RefusalCause;
import io.sparkrelay.launcher.workflow.RenderedWorkflow;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.util.Map;

/**
 * Creates a Workflow. A 409 means a Workflow of that name exists: when it carries the same run id
 * an earlier delivery made it (done); otherwise another run owns the name (a conflict, permanent).
 */
@ApplicationScoped
public class WorkflowCreator {

  private static final ResourceDefinitionContext WORKFLOWS =
      KubeResources.context(CustomResources.WORKFLOW);

  private final KubernetesClient client;

  WorkflowCreator(KubernetesClient client) {
    this.client = client;
  }

  /**
   * @throws KubernetesClientException an API failure; {@code ApiFailures} tells whether to retry
   * @throws EventRefusedException the name belongs to another run
   */
  public CreateResult create(RenderedWorkflow workflow) throws EventRefusedException {
    try {
      client
          .genericKubernetesResources(WORKFLOWS)
          .inNamespace(workflow.namespace())
          .resource(workflow.resource())
          .create();
      return CreateResult.CREATED;
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
    GenericKubernetesResource existing = read(workflow);
    if (existing == null) {
      // deleted between the 409 and the read: let a redelivery create it again
      throw new KubernetesClientException(
          "Workflow " + workflow.name() + " vanished after a 409", 503, null);
    }
    String existingRun = runIdOf(existing);
    if (workflow.runId().equals(existingRun)) {
      return CreateResult.ALREADY_EXISTED;
    }
    throw new EventRefusedException(
        RefusalCause.API_REFUSED,
        "Workflow "
            + workflow.namespace()
            + "/"
            + workflow.name()
            + " already exists for run id '"
            + existingRun
            + "', not this run");
  }

  /** Whether the rendered Workflow exists and carries the same run id (a read, for rare cases). */
  public boolean existsForItsRun(RenderedWorkflow workflow) {
    GenericKubernetesResource existing = read(workflow);
    return existing != null && workflow.runId().equals(runIdOf(existing));
  }

  private GenericKubernetesResource read(RenderedWorkflow workflow) {
    return client
        .genericKubernetesResources(WORKFLOWS)
        .inNamespace(workflow.namespace())
        .withName(workflow.name())
        .get();
  }

  private static String runIdOf(GenericKubernetesResource existing) {
    Map<String, String> labels = existing.getMetadata().getLabels();
    return labels == null ? null : labels.get(RelayLabels.RUN_ID);
  }
}
