package io.sparkrelay.launcher.nats;

import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Services;
import io.sparkrelay.launcher.config.LauncherConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The launcher's one NATS connection, closed (after a flush) when the application stops. */
@Singleton
public class NatsConnectionProducer {

  @Produces
  @Singleton
  NatsConnection natsConnection(LauncherConfig config) {
    return new NatsConnection(Services.WORKFLOW_LAUNCHER, config.nats());
  }

  void close(@Disposes NatsConnection connection) {
    connection.close();
  }
}
