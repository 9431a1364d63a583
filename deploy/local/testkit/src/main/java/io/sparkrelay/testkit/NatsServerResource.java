package io.sparkrelay.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a private {@code nats-server} for a Quarkus test and points {@code relay.nats.url} at it.
 * Init arg {@code max-payload} (bytes) lowers the server's payload limit.
 */
public class NatsServerResource implements QuarkusTestResourceLifecycleManager {

  private NatsServerProcess server;
  private Integer maxPayload;
  private boolean started;

  @Override
  public void init(Map<String, String> initArgs) {
    String value = initArgs.get("max-payload");
    maxPayload = value == null ? null : Integer.valueOf(value);
    started = Boolean.parseBoolean(initArgs.getOrDefault("started", "true"));
  }

  @Override
  public Map<String, String> start() {
    server = NatsServerProcess.create(maxPayload);
    if (started) {
      server.start();
    }
    return Map.of("relay.nats.url", server.url());
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        server,
        new TestInjector.AnnotatedAndMatchesType(InjectNatsServer.class, NatsServerProcess.class));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
