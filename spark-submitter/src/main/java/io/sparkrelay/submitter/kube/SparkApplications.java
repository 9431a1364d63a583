package io.sparkrelay.submitter.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.sparkrelay.common.kube.KubeResources;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RelayLabels;
import java.util.Map;
import java.util.Objects;

/** How to address SparkApplications and read the few fields of one this service needs. */
public final class SparkApplications {

  static final ResourceDefinitionContext CONTEXT =
      KubeResources.context(CustomResources.SPARK_APPLICATION);

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
