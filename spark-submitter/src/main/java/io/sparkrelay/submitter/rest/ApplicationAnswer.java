package io.sparkrelay.submitter.rest;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.sparkrelay.submitter.kube.SparkApplications;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A SparkApplication as answered to callers. */
@RegisterForReflection
@Schema(name = "SparkApplication")
public record ApplicationAnswer(
    String name,
    String namespace,
    @Schema(description = "status.applicationState.state; empty until the operator reports")
        String state,
    @Schema(description = "Value of the spark-relay.io/run-id label") String runId) {

  static ApplicationAnswer of(GenericKubernetesResource application) {
    return new ApplicationAnswer(
        application.getMetadata().getName(),
        application.getMetadata().getNamespace(),
        SparkApplications.state(application),
        SparkApplications.runId(application));
  }
}
