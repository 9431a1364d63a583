package io.sparkrelay.simulator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;

/** What the simulated controllers share: a controller's reaction delay and status writes. */
public final class Controllers {

  private Controllers() {}

  /** Simulated work or reaction time; an interrupt (shutdown) ends it early. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Replaces the status of a custom resource through its status subresource. */
  public static void replaceStatus(
      KubernetesClient client,
      ResourceDefinitionContext context,
      String namespace,
      String name,
      Map<String, Object> status) {
    client
        .genericKubernetesResources(context)
        .inNamespace(namespace)
        .withName(name)
        .editStatus(
            resource -> {
              resource.setAdditionalProperty("status", status);
              return resource;
            });
  }
}
