package io.sparkrelay.submitter.kubernetes;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Map;
import java.util.Objects;

/** The SparkApplication resource type and how to read the few fields this service needs. */
public final class SparkApplications {

  public static final String API_VERSION = "sparkoperator.k8s.io/v1beta2";
  public static final String KIND = "SparkApplication";
  public static final ResourceDefinitionContext DEFINITION =
      new ResourceDefinitionContext.Builder()
          .withGroup("sparkoperator.k8s.io")
          .withVersion("v1beta2")
          .withKind(KIND)
          .withPlural("sparkapplications")
          .withNamespaced(true)
          .build();

  private SparkApplications() {}

  /** status.applicationState.state, "" while the operator has not reported one. */
  public static String state(GenericKubernetesResource application) {
    Object status = application.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> s && s.get("applicationState") instanceof Map<?, ?> state) {
      return Objects.toString(state.get("state"), "");
    }
    return "";
  }

  /** The run id label, or null. */
  public static String runId(GenericKubernetesResource application) {
    Map<String, String> labels = application.getMetadata().getLabels();
    return labels == null ? null : labels.get(RelayLabels.RUN_ID);
  }
}
