package io.sparkrelay.submitter.health;

import io.sparkrelay.submitter.events.NatsConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when connected to NATS, where the run lifecycle events go. */
@Readiness
@ApplicationScoped
public class NatsReadinessCheck implements HealthCheck {

  private final NatsConnection nats;

  NatsReadinessCheck(NatsConnection nats) {
    this.nats = nats;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("nats").status(nats.isConnected()).build();
  }
}
