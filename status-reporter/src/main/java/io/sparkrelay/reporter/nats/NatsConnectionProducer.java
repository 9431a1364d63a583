package io.sparkrelay.reporter.nats;

import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Services;
import io.sparkrelay.reporter.config.ReporterConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The reporter's one NATS connection, closed (after a flush) when the application stops. */
@Singleton
public class NatsConnectionProducer {

  @Produces
  @Singleton
  NatsConnection natsConnection(ReporterConfig config) {
    return new NatsConnection(Services.STATUS_REPORTER, config.nats());
  }

  void close(@Disposes NatsConnection connection) {
    connection.close();
  }
}
