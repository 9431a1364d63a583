package io.sparkrelay.reporter.health;

import io.sparkrelay.reporter.kube.RunInformers;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when every informer has listed its objects and is watching the Kubernetes API. */
@Readiness
@ApplicationScoped
public class KubernetesReadinessCheck implements HealthCheck {

  private final RunInformers informers;

  KubernetesReadinessCheck(RunInformers informers) {
    this.informers = informers;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("kubernetes").status(informers.watching()).build();
  }
}
