package io.sparkrelay.launcher;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import java.util.List;
import java.util.Map;

/** What the launcher created in the tests' namespace, looked up as a user would, by run id. */
final class LaunchedWorkflows {

  private LaunchedWorkflows() {}

  static List<GenericKubernetesResource> ofRun(KubernetesClient kubernetes, String runId) {
    return kubernetes
        .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
        .inNamespace("default")
        .withLabel("spark-relay.io/run-id", runId)
        .list()
        .getItems();
  }

  /** A Workflow named {@code name} labelled with run id {@code runId}, as a launcher made it. */
  static void createAs(KubernetesClient kubernetes, String name, String runId) {
    kubernetes
        .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
        .inNamespace("default")
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion("argoproj.io/v1alpha1")
                .withKind("Workflow")
                .withNewMetadata()
                .withName(name)
                .withLabels(Map.of("spark-relay.io/run-id", runId))
                .endMetadata()
                .build())
        .create();
  }
}
