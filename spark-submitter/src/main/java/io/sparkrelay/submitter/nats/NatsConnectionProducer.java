package io.sparkrelay.submitter.nats;

import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Services;
import io.sparkrelay.submitter.config.SubmitterConfig;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The submitter's one NATS connection, closed (after a flush) when the application stops. */
@Singleton
public class NatsConnectionProducer {

  @Produces
  @Singleton
  NatsConnection natsConnection(SubmitterConfig config) {
    return new NatsConnection(Services.SPARK_SUBMITTER, config.nats());
  }

  void close(@Disposes NatsConnection connection) {
    connection.close();
  }
}
