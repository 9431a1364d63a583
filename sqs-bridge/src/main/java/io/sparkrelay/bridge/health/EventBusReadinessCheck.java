package io.sparkrelay.bridge.health;

import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.bridge.eventbus.EventBus;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while NATS is connected and the event stream exists. */
@Readiness
@ApplicationScoped
public class EventBusReadinessCheck implements HealthCheck {

  private final EventBus eventBus;
  private final BridgeConfig config;

  EventBusReadinessCheck(EventBus eventBus, BridgeConfig config) {
    this.eventBus = eventBus;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    boolean connected = eventBus.isConnected();
    boolean stream = connected && eventBus.streamPresent();
    return HealthCheckResponse.named("nats")
        .status(connected && stream)
        .withData("connected", connected)
        .withData("stream", config.nats().stream().name())
        .withData("streamPresent", stream)
        .build();
  }
}
