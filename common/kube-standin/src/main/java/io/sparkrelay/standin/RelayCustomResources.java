package io.sparkrelay.standin;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.sparkrelay.contract.CustomResource;
import io.sparkrelay.contract.CustomResources;
import java.util.List;

/**
 * The contract's custom resources as the mock API server must know them, with the subresources
 * their upstream CRDs declare.
 */
public final class RelayCustomResources {

  public static final CustomResourceDefinitionContext WORKFLOW = context(CustomResources.WORKFLOW);
  public static final CustomResourceDefinitionContext WORKFLOW_TEMPLATE =
      context(CustomResources.WORKFLOW_TEMPLATE);
  public static final CustomResourceDefinitionContext CLUSTER_WORKFLOW_TEMPLATE =
      context(CustomResources.CLUSTER_WORKFLOW_TEMPLATE);
  public static final CustomResourceDefinitionContext WORKFLOW_TASK_SET =
      context(CustomResources.WORKFLOW_TASK_SET);
  public static final CustomResourceDefinitionContext SPARK_APPLICATION =
      context(CustomResources.SPARK_APPLICATION);

  public static final List<CustomResourceDefinitionContext> ALL =
      CustomResources.ALL.stream().map(RelayCustomResources::context).toList();

  private RelayCustomResources() {}

  private static CustomResourceDefinitionContext context(CustomResource resource) {
    return new CustomResourceDefinitionContext.Builder()
        .withGroup(resource.group())
        .withVersion(resource.version())
        .withKind(resource.kind())
        .withPlural(resource.plural())
        .withScope(resource.namespaced() ? "Namespaced" : "Cluster")
        .withStatusSubresource(resource.statusSubresource())
        .build();
  }
}
