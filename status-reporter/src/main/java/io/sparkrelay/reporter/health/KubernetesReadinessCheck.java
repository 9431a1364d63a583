package io.sparkrelay.reporter.health;

import io.sparkrelay.common.health.SteadyCondition;
import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.kube.RunInformers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when every informer has listed its objects and is watching the Kubernetes API. A watch that
 * re-opens, as watches do under load or when the API server ends them, is not unavailability: the
 * check turns DOWN only after {@code relay.health.unavailable-after}.
 */
@Readiness
@ApplicationScoped
public class KubernetesReadinessCheck implements HealthCheck {

  private final RunInformers informers;
  private final SteadyCondition watching;

  KubernetesReadinessCheck(RunInformers informers, ReporterConfig config) {
    this.informers = informers;
    this.watching = new SteadyCondition("kubernetes", config.health().unavailableAfter());
  }

  @Override
  public HealthCheckResponse call() {
    Optional<String> notWatching = informers.notWatching();
    SteadyCondition.Status status =
        watching.observe(notWatching.isEmpty(), notWatching.orElse(null));
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("kubernetes").status(status.up());
    if (status.cause() != null) {
      response
          .withData("cause", status.cause())
          .withData("failingForSeconds", status.failingFor().toSeconds());
    }
    return response.build();
  }
}
