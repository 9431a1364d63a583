package io.sparkrelay.submitter.health;

import io.sparkrelay.submitter.nats.RunStream;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when connected to NATS, where the run lifecycle events go. */
@Readiness
@ApplicationScoped
public class NatsReadinessCheck implements HealthCheck {

  private final RunStream stream;

  NatsReadinessCheck(RunStream stream) {
    this.stream = stream;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("nats").status(stream.isConnected()).build();
  }
}
