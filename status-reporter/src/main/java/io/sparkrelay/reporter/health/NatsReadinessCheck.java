package io.sparkrelay.reporter.health;

import io.sparkrelay.common.health.SteadyCondition;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.reporter.nats.RunEventConsumer;
import io.sparkrelay.reporter.nats.RunStream;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while NATS is connected, the run stream exists and the event consumers run. Whether the
 * dead letters are read is in the data, not the status: their stream belongs to the launcher.
 */
@Readiness
@ApplicationScoped
public class NatsReadinessCheck implements HealthCheck {

  private final NatsConnection nats;
  private final RunStream stream;
  private final RunEventConsumer consumer;
  // answers from memory (the lifecycle refreshes them): a probe never waits on the server
  private final SteadyCondition condition = new SteadyCondition("nats", Duration.ZERO);

  NatsReadinessCheck(NatsConnection nats, RunStream stream, RunEventConsumer consumer) {
    this.nats = nats;
    this.stream = stream;
    this.consumer = consumer;
  }

  @Override
  public HealthCheckResponse call() {
    boolean connected = nats.isConnected();
    boolean streamPresent = stream.lastSeenPresent();
    boolean consuming = consumer.running();
    String cause =
        !connected
            ? "not connected to NATS"
            : !streamPresent
                ? "stream " + stream.name() + " not found"
                : !consuming ? "run event consumers not running" : null;
    SteadyCondition.Status status = condition.observe(cause == null, cause);
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("nats")
            .status(status.up())
            .withData("connected", connected)
            .withData("stream", stream.name())
            .withData("streamPresent", streamPresent)
            .withData("consuming", consuming)
            .withData("readingDeadLetters", consumer.readingDeadLetters());
    if (status.cause() != null) {
      response.withData("cause", status.cause());
    }
    return response.build();
  }
}
