package io.sparkrelay.launcher.workflow;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/** Argo's Workflow resource, named explicitly: no API discovery needed. */
public final class ArgoWorkflows {

  public static final String API_VERSION = "argoproj.io/v1alpha1";
  public static final String KIND = "Workflow";

  public static final ResourceDefinitionContext WORKFLOWS =
      new ResourceDefinitionContext.Builder()
          .withGroup("argoproj.io")
          .withVersion("v1alpha1")
          .withKind(KIND)
          .withPlural("workflows")
          .withNamespaced(true)
          .build();

  private ArgoWorkflows() {}
}
