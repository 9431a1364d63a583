package io.sparkrelay.reporter;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkrelay.standin.RelayCustomResources;
import java.util.List;
import java.util.Map;

/**
 * The test's hands on the mock API server: puts a Workflow, SparkApplication or pod into the state
 * given, creating it when missing and changing only its status (through the status subresource
 * where the CRD has one) when it exists, as Argo, the Spark Operator and the kubelet would. The
 * objects are made as Spark Relay's are: Workflows and SparkApplications labelled {@code
 * app.kubernetes.io/managed-by: spark-relay}, a driver pod owned by its SparkApplication and an
 * executor pod by the driver pod (a missing owner is created first, without a status). {@link
 * #spoofedPod} and {@link #spoofedWorkflow} make what anyone able to create objects there could.
 */
final class Cluster {

  static final String WORKFLOW_NAMESPACE = "default";
  static final String SPARK_NAMESPACE = "spark-team-a";
  static final String MANAGED_BY = "app.kubernetes.io/managed-by";

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
        Map.of(
            "spark-relay.io/run-id",
            runId,
            "spark-relay.io/trigger",
            "taxi",
            MANAGED_BY,
            "spark-relay"),
        status);
  }

  /** A Workflow with the run's label that Spark Relay did not make (no managed-by label). */
  void spoofedWorkflow(String runId, String name, Map<String, Object> status) {
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
            workflow,
            MANAGED_BY,
            "spark-relay"),
        status);
  }

  /**
   * A driver pod owned by the SparkApplication {@code app}, or an executor pod owned by the driver
   * pod {@code <app>-driver}, as Spark and the Spark Operator make them.
   */
  void pod(String runId, String name, String role, String app, PodStatus status) {
    var pods = client.pods().inNamespace(SPARK_NAMESPACE);
    if (pods.withName(name).get() == null) {
      OwnerReference owner =
          "driver".equals(role) ? applicationOwner(runId, app) : driverOwner(runId, app);
      pods.resource(sparkPod(runId, name, role, app, owner)).create();
    }
    setStatus(name, status);
  }

  /** A pod with the run's labels and no owner: what anyone who may create pods there can make. */
  void spoofedPod(String runId, String name, String role, String app, PodStatus status) {
    spoofedPod(runId, name, role, app, null, status);
  }

  /** A pod with the run's labels whose owner reference is {@code owner}, e.g. a made-up UID. */
  void spoofedPod(
      String runId, String name, String role, String app, OwnerReference owner, PodStatus status) {
    client
        .pods()
        .inNamespace(SPARK_NAMESPACE)
        .resource(sparkPod(runId, name, role, app, owner))
        .create();
    setStatus(name, status);
  }

  private void setStatus(String pod, PodStatus status) {
    client
        .pods()
        .inNamespace(SPARK_NAMESPACE)
        .withName(pod)
        .editStatus(
            p -> {
              p.setStatus(status);
              return p;
            });
  }

  private static Pod sparkPod(
      String runId, String name, String role, String app, OwnerReference owner) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(SPARK_NAMESPACE)
        .addToLabels("spark-relay.io/run-id", runId)
        .addToLabels("spark-role", role)
        .addToLabels("sparkoperator.k8s.io/app-name", app)
        .withOwnerReferences(owner == null ? List.of() : List.of(owner))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("spark-kubernetes-" + role)
        .withImage("spark:3.5")
        .endContainer()
        .endSpec()
        .build();
  }

  static OwnerReference ownedBy(String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(true)
        .build();
  }

  /** The owner reference to the SparkApplication {@code app}, created bare when missing. */
  private OwnerReference applicationOwner(String runId, String app) {
    var applications =
        client
            .genericKubernetesResources(RelayCustomResources.SPARK_APPLICATION)
            .inNamespace(SPARK_NAMESPACE);
    GenericKubernetesResource application = applications.withName(app).get();
    if (application == null) {
      application =
          applications
              .resource(
                  new GenericKubernetesResourceBuilder()
                      .withApiVersion("sparkoperator.k8s.io/v1beta2")
                      .withKind("SparkApplication")
                      .withNewMetadata()
                      .withName(app)
                      .withNamespace(SPARK_NAMESPACE)
                      .addToLabels("spark-relay.io/run-id", runId)
                      .addToLabels("spark-relay.io/trigger", "taxi")
                      .addToLabels(MANAGED_BY, "spark-relay")
                      .endMetadata()
                      .build())
              .create();
    }
    return ownedBy(
        "sparkoperator.k8s.io/v1beta2",
        "SparkApplication",
        app,
        application.getMetadata().getUid());
  }

  /**
   * The owner reference to the driver pod of {@code app}, created without a status when missing.
   */
  private OwnerReference driverOwner(String runId, String app) {
    String driver = app + "-driver";
    var pods = client.pods().inNamespace(SPARK_NAMESPACE);
    Pod pod = pods.withName(driver).get();
    if (pod == null) {
      pod =
          pods.resource(sparkPod(runId, driver, "driver", app, applicationOwner(runId, app)))
              .create();
    }
    return ownedBy("v1", "Pod", driver, pod.getMetadata().getUid());
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
