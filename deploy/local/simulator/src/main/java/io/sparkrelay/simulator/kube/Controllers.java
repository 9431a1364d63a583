package io.sparkrelay.simulator.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
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

  /** Replaces the status of a custom resource through its status subresource. */
  public static void replaceStatus(
      KubernetesClient client,
      ResourceDefinitionContext context,
      String namespace,
      String name,
      Map<String, Object> status) {
    persistently(
        () ->
            client
                .genericKubernetesResources(context)
                .inNamespace(namespace)
                .withName(name)
                .editStatus(
                    resource -> {
                      resource.setAdditionalProperty("status", status);
                      return resource;
                    }));
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
