package io.sparkrelay.launcher.health;

import io.sparkrelay.common.health.SteadyCondition;
import io.sparkrelay.launcher.config.LauncherConfig;
import io.sparkrelay.launcher.kube.UnfinishedWorkflows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the Workflow informers have listed and are watching: the Kubernetes API answers and
 * the launcher may read Workflows (no extra calls per probe). A watch that re-opens, as watches do
 * under load or when the API server ends them, is not unavailability: the check turns DOWN only
 * after {@code relay.health.unavailable-after}.
 */
@Readiness
@ApplicationScoped
public class KubernetesReadinessCheck implements HealthCheck {

  private final UnfinishedWorkflows unfinished;
  private final SteadyCondition watching;

  KubernetesReadinessCheck(UnfinishedWorkflows unfinished, LauncherConfig config) {
    this.unfinished = unfinished;
    this.watching = new SteadyCondition("kubernetes-api", config.health().unavailableAfter());
  }

  @Override
  public HealthCheckResponse call() {
    Optional<String> notWatching = unfinished.notWatching();
    SteadyCondition.Status status =
        watching.observe(notWatching.isEmpty(), notWatching.orElse(null));
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("kubernetes-api")
            .status(status.up())
            .withData("unfinishedWorkflows", unfinished.count());
    if (status.cause() != null) {
      response
          .withData("cause", status.cause())
          .withData("failingForSeconds", status.failingFor().toSeconds());
    }
    return response.build();
  }
}
