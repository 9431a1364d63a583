package io.sparkrelay.launcher.health;

import io.sparkrelay.launcher.config.LauncherConfig;
import io.sparkrelay.launcher.nats.EventConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the durable consumer exists and pulls work. */
@Readiness
@ApplicationScoped
public class ConsumerReadinessCheck implements HealthCheck {

  private final EventConsumer consumer;
  private final LauncherConfig config;

  ConsumerReadinessCheck(EventConsumer consumer, LauncherConfig config) {
    this.consumer = consumer;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("events-consumer")
        .status(consumer.isReady())
        .withData("stream", config.nats().eventsStream().name())
        .withData("durable", config.consumer().durableName())
        .withData("inFlight", consumer.inFlight())
        .build();
  }
}
