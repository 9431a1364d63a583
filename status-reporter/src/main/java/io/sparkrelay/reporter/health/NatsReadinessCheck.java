package io.sparkrelay.reporter.health;

import io.sparkrelay.reporter.config.ReporterConfig;
import io.sparkrelay.reporter.nats.NatsLink;
import io.sparkrelay.reporter.nats.RunEventConsumer;
import io.sparkrelay.reporter.nats.RunsStreamProvisioner;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while NATS is connected, the run stream exists and the event consumers run. */
@Readiness
@ApplicationScoped
public class NatsReadinessCheck implements HealthCheck {

  private final NatsLink link;
  private final RunsStreamProvisioner stream;
  private final RunEventConsumer consumer;
  private final ReporterConfig config;

  NatsReadinessCheck(
      NatsLink link,
      RunsStreamProvisioner stream,
      RunEventConsumer consumer,
      ReporterConfig config) {
    this.link = link;
    this.stream = stream;
    this.consumer = consumer;
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    boolean connected = link.isConnected();
    boolean streamPresent = false;
    if (connected) {
      try {
        streamPresent = stream.present(link.management());
      } catch (IOException | RuntimeException e) {
        streamPresent = false;
      }
    }
    boolean consuming = consumer.running();
    return HealthCheckResponse.named("nats")
        .status(connected && streamPresent && consuming)
        .withData("connected", connected)
        .withData("stream", config.nats().stream().name())
        .withData("streamPresent", streamPresent)
        .withData("consuming", consuming)
        .build();
  }
}
