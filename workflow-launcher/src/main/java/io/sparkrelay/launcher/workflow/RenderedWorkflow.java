package io.sparkrelay.launcher.workflow;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.launcher.rules.TriggerRule;

/** The Workflow one rule makes of one event, ready to create. */
public record RenderedWorkflow(TriggerRule rule, String runId, GenericKubernetesResource resource) {

  public String name() {
    return resource.getMetadata().getName();
  }

  public String namespace() {
    return resource.getMetadata().getNamespace();
  }
}
