package io.sparkrelay.submitter.health;

import io.sparkrelay.submitter.kube.ActiveApplicationIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the SparkApplication informers have listed and are watching: without them the
 * admission limit cannot be counted, so every submission would be answered 503.
 */
@Readiness
@ApplicationScoped
public class KubernetesReadinessCheck implements HealthCheck {

  private final ActiveApplicationIndex index;

  KubernetesReadinessCheck(ActiveApplicationIndex index) {
    this.index = index;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("kubernetes-api").status(index.isReady());
    index.notWatching().ifPresent(why -> response.withData("reason", why));
    return response.build();
  }
}
