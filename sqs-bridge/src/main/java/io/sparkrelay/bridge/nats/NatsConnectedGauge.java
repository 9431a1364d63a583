package io.sparkrelay.bridge.nats;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.sparkrelay.common.nats.NatsConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code relay_bridge_eventbus_connected}: 1 while connected to NATS, else 0. While it is 0 the
 * bridge receives nothing, so no publish fails either: only this gauge shows the stall.
 */
@ApplicationScoped
public class NatsConnectedGauge implements MeterBinder {

  private final NatsConnection nats;

  NatsConnectedGauge(NatsConnection nats) {
    this.nats = nats;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("relay.bridge.eventbus.connected", nats, conn -> conn.isConnected() ? 1 : 0)
        .description("1 while the bridge is connected to the EventBus (NATS), else 0")
        .register(registry);
  }
}
