package io.sparkrelay.common.kube;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkrelay.contract.CustomResource;

/** The contract's custom resources as the fabric8 client addresses them. */
public final class KubeResources {

  private KubeResources() {}

  public static ResourceDefinitionContext context(CustomResource resource) {
    return new ResourceDefinitionContext.Builder()
        .withGroup(resource.group())
        .withVersion(resource.version())
        .withKind(resource.kind())
        .withPlural(resource.plural())
        .withNamespaced(resource.namespaced())
        .build();
  }
}
