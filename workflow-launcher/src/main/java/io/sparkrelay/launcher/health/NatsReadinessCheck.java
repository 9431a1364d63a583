package io.sparkrelay.launcher.health;

import io.sparkrelay.common.health.SteadyCondition;
import io.sparkrelay.common.nats.NatsConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the NATS connection is up. */
@Readiness
@ApplicationScoped
public class NatsReadinessCheck implements HealthCheck {

  private final NatsConnection nats;
  // a lost connection is unavailability at once; the condition logs the change
  private final SteadyCondition connected = new SteadyCondition("nats", Duration.ZERO);

  NatsReadinessCheck(NatsConnection nats) {
    this.nats = nats;
  }

  @Override
  public HealthCheckResponse call() {
    SteadyCondition.Status status = connected.observe(nats.isConnected(), "not connected to NATS");
    HealthCheckResponseBuilder response = HealthCheckResponse.named("nats").status(status.up());
    if (status.cause() != null) {
      response.withData("cause", status.cause());
    }
    return response.build();
  }
}
