package io.sparkrelay.submitter.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads the Argo Workflow a request names ({@code argoproj.io/v1alpha1 workflows}, get only). */
@ApplicationScoped
public class ArgoWorkflows {

  private static final ResourceDefinitionContext WORKFLOWS =
      KubeResources.context(CustomResources.WORKFLOW);

  private final KubernetesClient client;
  private final String namespace;

  ArgoWorkflows(KubernetesClient client, SubmitterConfig config) {
    this.client = client;
    this.namespace = config.workflows().namespace();
  }

  /** The namespace Workflows are read in ({@code relay.workflows.namespace}). */
  public String namespace() {
    return namespace;
  }

  public Optional<GenericKubernetesResource> get(String name) {
    return Optional.ofNullable(
        client.genericKubernetesResources(WORKFLOWS).inNamespace(namespace).withName(name).get());
  }

  /** status.phase, "" while the controller has not set one. */
  public static String phase(GenericKubernetesResource workflow) {
    Object status = workflow.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> s ? Objects.toString(s.get("phase"), "") : "";
  }

  /** spec.arguments.parameters as name -> value (a parameter without a value maps to ""). */
  public static Map<String, String> parameters(GenericKubernetesResource workflow) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (workflow.getAdditionalProperties().get("spec") instanceof Map<?, ?> spec
        && spec.get("arguments") instanceof Map<?, ?> arguments
        && arguments.get("parameters") instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof Map<?, ?> parameter && parameter.get("name") != null) {
          parameters.put(
              parameter.get("name").toString(), Objects.toString(parameter.get("value"), ""));
        }
      }
    }
    return parameters;
  }

  /** The labels of {@code workflow}, never null. */
  public static Map<String, String> labels(GenericKubernetesResource workflow) {
    Map<String, String> labels = workflow.getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }
}
