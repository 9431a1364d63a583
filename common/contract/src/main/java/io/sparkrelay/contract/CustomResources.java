package io.sparkrelay.contract;

import java.util.List;

/**
 * The custom resources Spark Relay reads and writes, with the subresources their upstream CRDs
 * declare: Argo's Workflow and WorkflowTemplate have none (status is written with the object), a
 * SparkApplication has {@code /status}.
 */
public final class CustomResources {

  public static final CustomResource WORKFLOW =
      new CustomResource("argoproj.io", "v1alpha1", "Workflow", "workflows", true, false);
  public static final CustomResource WORKFLOW_TEMPLATE =
      new CustomResource(
          "argoproj.io", "v1alpha1", "WorkflowTemplate", "workflowtemplates", true, false);
  public static final CustomResource CLUSTER_WORKFLOW_TEMPLATE =
      new CustomResource(
          "argoproj.io",
          "v1alpha1",
          "ClusterWorkflowTemplate",
          "clusterworkflowtemplates",
          false,
          false);
  public static final CustomResource WORKFLOW_TASK_SET =
      new CustomResource(
          "argoproj.io", "v1alpha1", "WorkflowTaskSet", "workflowtasksets", true, true);
  public static final CustomResource SPARK_APPLICATION =
      new CustomResource(
          "sparkoperator.k8s.io", "v1beta2", "SparkApplication", "sparkapplications", true, true);

  public static final List<CustomResource> ALL =
      List.of(
          WORKFLOW,
          WORKFLOW_TEMPLATE,
          CLUSTER_WORKFLOW_TEMPLATE,
          WORKFLOW_TASK_SET,
          SPARK_APPLICATION);

  private CustomResources() {}
}
