package io.sparkrelay.launcher;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.launcher.workflow.ArgoWorkflows;
import java.util.List;

/** What the launcher created in the tests' namespace, looked up as a user would, by run id. */
final class LaunchedWorkflows {

  private LaunchedWorkflows() {}

  static List<GenericKubernetesResource> ofRun(KubernetesClient kubernetes, String runId) {
    return kubernetes
        .genericKubernetesResources(ArgoWorkflows.WORKFLOWS)
        .inNamespace("default")
        .withLabel("spark-relay.io/run-id", runId)
        .list()
        .getItems();
  }
}
