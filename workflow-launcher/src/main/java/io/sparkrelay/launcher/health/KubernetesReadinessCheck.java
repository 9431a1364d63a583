package io.sparkrelay.launcher.health;

import io.sparkrelay.launcher.kube.UnfinishedWorkflows;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the Workflow informers have listed and are watching: the Kubernetes API answers and
 * the launcher may read Workflows (no extra calls per probe).
 */
@Readiness
@ApplicationScoped
public class KubernetesReadinessCheck implements HealthCheck {

  private final UnfinishedWorkflows unfinished;

  KubernetesReadinessCheck(UnfinishedWorkflows unfinished) {
    this.unfinished = unfinished;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("kubernetes-api")
        .status(unfinished.isWatching())
        .withData("unfinishedWorkflows", unfinished.count())
        .build();
  }
}
