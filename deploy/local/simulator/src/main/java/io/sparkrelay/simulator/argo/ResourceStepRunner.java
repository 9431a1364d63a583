package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.simulator.kube.ResourceKinds;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs an Argo {@code resource} template: performs the action (get, create, apply, delete) on the
 * manifest, then, when the template has a successCondition or failureCondition, watches the live
 * object until one of them holds (the failure condition is checked first, as Argo does).
 */
final class ResourceStepRunner {

  private final KubernetesClient client;
  private final Duration timeout;

  ResourceStepRunner(KubernetesClient client, Duration timeout) {
    this.client = client;
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
    AtomicReference<Outcome> decided = new AtomicReference<>();
    String watched = description;
    try {
      live.waitUntilCondition(
          object -> {
            if (object == null) {
              return false;
            }
            JsonNode tree = Json.tree(object);
            if (failureCondition != null && failureCondition.holds(tree)) {
              decided.set(
                  Outcome.failed(
                      "failure condition '"
                          + failureCondition
                          + "' met by "
                          + watched
                          + reason(tree)));
              return true;
            }
            if (successCondition != null && successCondition.holds(tree)) {
              decided.set(Outcome.succeeded(watched));
              return true;
            }
            return false;
          },
          timeout.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (KubernetesClientException e) {
      return Outcome.failed(
          "timed out after " + timeout + " waiting for " + description + ": " + e.getMessage());
    }
    return decided.get();
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
