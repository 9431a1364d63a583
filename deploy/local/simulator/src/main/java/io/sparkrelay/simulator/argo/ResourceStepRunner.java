package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkrelay.simulator.kube.Controllers;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.simulator.kube.ResourceKinds;
import java.time.Duration;

/**
 * Runs an Argo {@code resource} template: performs the action (get, create, apply, delete) on the
 * manifest, then, when the template has a successCondition or failureCondition, watches the live
 * object until one of them holds (the failure condition is checked first, as Argo does).
 */
final class ResourceStepRunner {

  private final KubernetesClient client;
  private final Duration pollInterval;
  private final Duration timeout;

  /**
   * @param client the Workflow's service account: Argo runs a resource step in a pod as it
   * @param pollInterval how often the live object is read while a condition is awaited (Argo's
   *     executor reads it with a GET every RESOURCE_STATE_CHECK_INTERVAL, 5 s by default)
   */
  ResourceStepRunner(KubernetesClient client, Duration timeout, Duration pollInterval) {
    this.client = client;
    this.pollInterval = pollInterval;
    this.timeout = timeout;
  }

  Outcome run(JsonNode resource, String defaultNamespace) {
    String action = resource.path("action").asText("get");
    GenericKubernetesResource manifest;
    try {
      manifest =
          Serialization.unmarshal(
              resource.path("manifest").asText(), GenericKubernetesResource.class);
    } catch (RuntimeException e) {
      return Outcome.error("invalid manifest: " + e.getMessage());
    }
    ResourceDefinitionContext context =
        ResourceKinds.find(manifest.getApiVersion(), manifest.getKind()).orElse(null);
    if (context == null) {
      return Outcome.error(
          "the simulator does not know " + manifest.getApiVersion() + " " + manifest.getKind());
    }
    String namespace =
        manifest.getMetadata().getNamespace() != null
            ? manifest.getMetadata().getNamespace()
            : defaultNamespace;
    manifest.getMetadata().setNamespace(namespace);
    String name = manifest.getMetadata().getName();
    String description = context.getPlural() + "/" + name + " in " + namespace;
    Resource<GenericKubernetesResource> live;
    try {
      switch (action) {
        case "create" -> {
          GenericKubernetesResource created =
              client
                  .genericKubernetesResources(context)
                  .inNamespace(namespace)
                  .resource(manifest)
                  .create();
          name = created.getMetadata().getName();
          description = context.getPlural() + "/" + name + " in " + namespace;
        }
        case "apply" ->
            client
                .genericKubernetesResources(context)
                .inNamespace(namespace)
                .resource(manifest)
                .createOr(existing -> existing.update());
        case "delete" -> {
          client.genericKubernetesResources(context).inNamespace(namespace).withName(name).delete();
          return Outcome.succeeded(description + " deleted");
        }
        case "get" -> {
          // the conditions below do the reading
        }
        default -> {
          return Outcome.error("the simulator does not support resource action '" + action + "'");
        }
      }
    } catch (KubernetesClientException e) {
      return Outcome.failed(action + " " + description + ": " + e.getMessage());
    }
    live = client.genericKubernetesResources(context).inNamespace(namespace).withName(name);
    String success = resource.path("successCondition").asText("");
    String failure = resource.path("failureCondition").asText("");
    if (success.isEmpty() && failure.isEmpty()) {
      return live.get() == null
          ? Outcome.failed(description + " not found")
          : Outcome.succeeded(description);
    }
    ResourceCondition successCondition =
        success.isEmpty() ? null : ResourceCondition.parse(success);
    ResourceCondition failureCondition =
        failure.isEmpty() ? null : ResourceCondition.parse(failure);
    // a GET per check, as Argo's executor does: its service account needs get, not list or watch
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
      GenericKubernetesResource object;
      try {
        object = Controllers.persistently(live::get);
      } catch (KubernetesClientException e) {
        return Outcome.failed("reading " + description + ": " + e.getMessage());
      }
      if (object != null) {
        JsonNode tree = Json.tree(object);
        if (failureCondition != null && failureCondition.holds(tree)) {
          return Outcome.failed(
              "failure condition '" + failureCondition + "' met by " + description + reason(tree));
        }
        if (successCondition != null && successCondition.holds(tree)) {
          return Outcome.succeeded(description);
        }
      }
      Controllers.pause(pollInterval);
    }
    return Outcome.failed("timed out after " + timeout + " waiting for " + description);
  }

  /** The error a SparkApplication (or anything else with a status message) carries. */
  private static String reason(JsonNode object) {
    String error = Json.text(object, "status.applicationState.errorMessage");
    if (error.isEmpty()) {
      error = Json.text(object, "status.message");
    }
    return error.isEmpty() ? "" : ": " + error;
  }
}
