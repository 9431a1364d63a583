package io.sparkrelay.launcher.health;

import io.sparkrelay.launcher.nats.EventBusConnection;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the NATS connection is up. */
@Readiness
@ApplicationScoped
public class NatsReadinessCheck implements HealthCheck {

  private final EventBusConnection bus;

  NatsReadinessCheck(EventBusConnection bus) {
    this.bus = bus;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("nats").status(bus.isConnected()).build();
  }
}
