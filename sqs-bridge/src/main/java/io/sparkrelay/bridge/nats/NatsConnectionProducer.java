package io.sparkrelay.bridge.nats;

import io.sparkrelay.bridge.config.BridgeConfig;
import io.sparkrelay.common.nats.NatsConnection;
import io.sparkrelay.contract.Services;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The bridge's one NATS connection, closed (after a flush) when the application stops. */
@Singleton
public class NatsConnectionProducer {

  @Produces
  @Singleton
  NatsConnection natsConnection(BridgeConfig config) {
    return new NatsConnection(Services.SQS_BRIDGE, config.nats());
  }

  void close(@Disposes NatsConnection connection) {
    connection.close();
  }
}
