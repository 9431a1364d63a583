package io.sparkrelay.reporter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkrelay.testkit.RelayCustomResources;
import java.util.Map;

/**
 * The test's hands on the mock API server: puts a Workflow, SparkApplication or pod into the state
 * given, creating it when missing and changing only its status (through the status subresource
 * where the CRD has one) when it exists, as Argo, the Spark Operator and the kubelet would.
 */
final class Cluster {

  static final String WORKFLOW_NAMESPACE = "default";
  static final String SPARK_NAMESPACE = "spark-team-a";

  private final KubernetesClient client;

  Cluster(KubernetesClient client) {
    this.client = client;
  }

  void workflow(String runId, String name, Map<String, Object> status) {
    custom(
        RelayCustomResources.WORKFLOW,
        "argoproj.io/v1alpha1",
        "Workflow",
        WORKFLOW_NAMESPACE,
        name,
        Map.of("spark-relay.io/run-id", runId, "spark-relay.io/trigger", "taxi"),
        status);
  }

  void application(String runId, String name, String workflow, Map<String, Object> status) {
    custom(
        RelayCustomResources.SPARK_APPLICATION,
        "sparkoperator.k8s.io/v1beta2",
        "SparkApplication",
        SPARK_NAMESPACE,
        name,
        Map.of(
            "spark-relay.io/run-id",
            runId,
            "spark-relay.io/trigger",
            "taxi",
            "spark-relay.io/workflow",
            workflow),
        status);
  }

  void pod(String runId, String name, String role, String app, PodStatus status) {
    var pods = client.pods().inNamespace(SPARK_NAMESPACE);
    if (pods.withName(name).get() == null) {
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName(name)
              .withNamespace(SPARK_NAMESPACE)
              .addToLabels("spark-relay.io/run-id", runId)
              .addToLabels("spark-role", role)
              .addToLabels("sparkoperator.k8s.io/app-name", app)
              .endMetadata()
              .withNewSpec()
              .addNewContainer()
              .withName("spark-kubernetes-" + role)
              .withImage("spark:3.5")
              .endContainer()
              .endSpec()
              .build();
      pods.resource(pod).create();
    }
    pods.withName(name)
        .editStatus(
            p -> {
              p.setStatus(status);
              return p;
            });
  }

  void deletePod(String name) {
    client.pods().inNamespace(SPARK_NAMESPACE).withName(name).delete();
  }

  private void custom(
      ResourceDefinitionContext context,
      String apiVersion,
      String kind,
      String namespace,
      String name,
      Map<String, String> labels,
      Map<String, Object> status) {
    var resources = client.genericKubernetesResources(context).inNamespace(namespace);
    if (resources.withName(name).get() == null) {
      GenericKubernetesResource resource =
          new GenericKubernetesResourceBuilder()
              .withApiVersion(apiVersion)
              .withKind(kind)
              .withNewMetadata()
              .withName(name)
              .withNamespace(namespace)
              .addToLabels(labels)
              .endMetadata()
              .build();
      resource.setAdditionalProperty("spec", Map.of("note", "spec ignored by the reporter"));
      resources.resource(resource).create();
    }
    java.util.function.UnaryOperator<GenericKubernetesResource> withStatus =
        r -> {
          r.setAdditionalProperty("status", status);
          return r;
        };
    // a Workflow's CRD has no status subresource: Argo writes its status with the object
    if (context.getPlural().equals("workflows")) {
      resources.withName(name).edit(withStatus);
    } else {
      resources.withName(name).editStatus(withStatus);
    }
  }
}
