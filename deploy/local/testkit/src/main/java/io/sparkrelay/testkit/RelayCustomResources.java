package io.sparkrelay.testkit;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import java.util.List;

/**
 * The custom resources Spark Relay reads and writes, as the mock API server must know them, with
 * the subresources their upstream CRDs declare: Argo's Workflow and WorkflowTemplate have none
 * (their status is written with the object), a SparkApplication has {@code /status}.
 */
public final class RelayCustomResources {

  public static final CustomResourceDefinitionContext WORKFLOW =
      namespaced("argoproj.io", "v1alpha1", "Workflow", "workflows", false);
  public static final CustomResourceDefinitionContext WORKFLOW_TEMPLATE =
      namespaced("argoproj.io", "v1alpha1", "WorkflowTemplate", "workflowtemplates", false);
  public static final CustomResourceDefinitionContext CLUSTER_WORKFLOW_TEMPLATE =
      new CustomResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind("ClusterWorkflowTemplate")
          .withPlural("clusterworkflowtemplates")
          .withScope("Cluster")
          .build();
  public static final CustomResourceDefinitionContext WORKFLOW_TASK_SET =
      namespaced("argoproj.io", "v1alpha1", "WorkflowTaskSet", "workflowtasksets", true);
  public static final CustomResourceDefinitionContext SPARK_APPLICATION =
      namespaced("sparkoperator.k8s.io", "v1beta2", "SparkApplication", "sparkapplications", true);

  public static final List<CustomResourceDefinitionContext> ALL =
      List.of(
          WORKFLOW,
          WORKFLOW_TEMPLATE,
          CLUSTER_WORKFLOW_TEMPLATE,
          WORKFLOW_TASK_SET,
          SPARK_APPLICATION);

  private RelayCustomResources() {}

  private static CustomResourceDefinitionContext namespaced(
      String group, String version, String kind, String plural, boolean statusSubresource) {
    return new CustomResourceDefinitionContext.Builder()
        .withGroup(group)
        .withVersion(version)
        .withKind(kind)
        .withPlural(plural)
        .withScope("Namespaced")
        .withStatusSubresource(statusSubresource)
        .build();
  }
}
