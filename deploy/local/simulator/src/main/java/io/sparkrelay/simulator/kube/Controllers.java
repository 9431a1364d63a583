package io.sparkrelay.simulator.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.EditReplacePatchable;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** What the simulated controllers share: a controller's reaction delay and status writes. */
public final class Controllers {

  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(2);

  private Controllers() {}

  /**
   * Runs an API call again while the API server is unreachable or answers 5xx/429, as a real
   * controller's work queue would, for up to two minutes; other answers (404, 409, ...) are thrown
   * at once.
   */
  public static <T> T persistently(Supplier<T> call) {
    long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
    Duration delay = Duration.ofMillis(100);
    while (true) {
      try {
        return call.get();
      } catch (KubernetesClientException e) {
        boolean transientFault = e.getCode() == 0 || e.getCode() == 429 || e.getCode() >= 500;
        if (!transientFault
            || System.nanoTime() > deadline
            || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        pause(delay);
        delay =
            delay.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0
                ? Duration.ofSeconds(2)
                : delay.multipliedBy(2);
      }
    }
  }

  /** {@link #persistently} for calls without a result. */
  public static void persistently(Runnable call) {
    persistently(
        () -> {
          call.run();
          return null;
        });
  }

  /** Simulated work or reaction time; an interrupt (shutdown) ends it early. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Writes the whole status of a custom resource, as its controller knows it, in one request: a
   * JSON patch that sets {@code /status} on the status subresource, without reading first. (A merge
   * patch would do in a cluster, but the CRUD stand-in appends arrays on merge instead of replacing
   * them.)
   */
  public static void writeStatus(
      KubernetesClient client,
      ResourceDefinitionContext context,
      String namespace,
      String name,
      Object status) {
    patchStatus(byReference(client, context, namespace, name).subresource("status"), status);
  }

  /**
   * As {@link #writeStatus}, for a kind whose CRD has no status subresource (Argo's Workflow): the
   * status is a field of the object itself, written through the object, as Argo's controller does.
   */
  public static void writeStatusInObject(
      KubernetesClient client,
      ResourceDefinitionContext context,
      String namespace,
      String name,
      Object status) {
    patchStatus(byReference(client, context, namespace, name), status);
  }

  private static void patchStatus(
      EditReplacePatchable<GenericKubernetesResource> target, Object status) {
    String patch = statusPatch(status);
    persistently(() -> target.patch(PatchContext.of(PatchType.JSON), patch));
  }

  /** Writes a pod's whole status, as {@link #writeStatus} does for custom resources. */
  public static void writePodStatus(
      KubernetesClient client, String namespace, String name, PodStatus status) {
    String patch = statusPatch(status);
    Pod reference =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .build();
    persistently(
        () ->
            client
                .pods()
                .inNamespace(namespace)
                .resource(reference)
                .subresource("status")
                .patch(PatchContext.of(PatchType.JSON), patch));
  }

  /**
   * The object by name only. Patching through it sends the patch as it is; patching through {@code
   * withName} would GET the object first.
   */
  private static Resource<GenericKubernetesResource> byReference(
      KubernetesClient client, ResourceDefinitionContext context, String namespace, String name) {
    return client
        .genericKubernetesResources(context)
        .inNamespace(namespace)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(context.getGroup() + "/" + context.getVersion())
                .withKind(context.getKind())
                .withNewMetadata()
                .withNamespace(namespace)
                .withName(name)
                .endMetadata()
                .build());
  }

  /** A JSON patch (RFC 6902) that sets the object's {@code /status} to {@code status}. */
  public static String statusPatch(Object status) {
    return Json.MAPPER
        .createArrayNode()
        .add(
            Json.MAPPER
                .createObjectNode()
                .put("op", "add")
                .put("path", "/status")
                .set("value", Json.MAPPER.valueToTree(status)))
        .toString();
  }

  /** Merges {@code labels} into a custom resource's labels, with one merge patch: no read first. */
  public static void mergeLabels(
      KubernetesClient client,
      ResourceDefinitionContext context,
      String namespace,
      String name,
      Map<String, String> labels) {
    String patch = Json.tree(Map.of("metadata", Map.of("labels", labels))).toString();
    persistently(
        () ->
            byReference(client, context, namespace, name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
  }

  /** The controller owner reference a controller puts on what it creates. */
  public static OwnerReference ownedBy(String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(true)
        .build();
  }
}
