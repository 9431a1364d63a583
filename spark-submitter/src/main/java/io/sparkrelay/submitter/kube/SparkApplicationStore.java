package io.sparkrelay.submitter.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.HttpURLConnection;
import java.util.Optional;

/** Reads and creates SparkApplications through the Kubernetes API. */
@ApplicationScoped
public class SparkApplicationStore {

  private final KubernetesClient client;

  SparkApplicationStore(KubernetesClient client) {
    this.client = client;
  }

  public Optional<GenericKubernetesResource> get(String namespace, String name) {
    return Optional.ofNullable(
        client
            .genericKubernetesResources(SparkApplications.CONTEXT)
            .inNamespace(namespace)
            .withName(name)
            .get());
  }

  /**
   * Creates {@code application}; when the name is taken (a concurrent or earlier request), the
   * object that holds it is returned instead, so the caller can tell a retry from a clash.
   */
  public CreateResult create(GenericKubernetesResource application) {
    String namespace = application.getMetadata().getNamespace();
    String name = application.getMetadata().getName();
    try {
      return new CreateResult(
          true,
          client
              .genericKubernetesResources(SparkApplications.CONTEXT)
              .inNamespace(namespace)
              .resource(application)
              .create());
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return new CreateResult(false, get(namespace, name).orElseThrow(() -> e));
    }
  }

  /** The stored application and whether this call created it. */
  public record CreateResult(boolean created, GenericKubernetesResource application) {}
}
