package io.sparkrelay.bridge.health;

import io.sparkrelay.bridge.nats.EventStream;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while NATS is connected and the event stream exists. */
@Readiness
@ApplicationScoped
public class NatsReadinessCheck implements HealthCheck {

  private final EventStream eventStream;

  NatsReadinessCheck(EventStream eventStream) {
    this.eventStream = eventStream;
  }

  @Override
  public HealthCheckResponse call() {
    boolean connected = eventStream.isConnected();
    boolean stream = connected && eventStream.present();
    return HealthCheckResponse.named("nats")
        .status(connected && stream)
        .withData("connected", connected)
        .withData("stream", eventStream.spec().name())
        .withData("streamPresent", stream)
        .build();
  }
}
