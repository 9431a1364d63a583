package io.sparkrelay.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts a private {@code nats-server} for a Quarkus test and points {@code relay.nats.url} at it.
 * Init arg {@code max-payload} (bytes) lowers the server's payload limit; {@code started=false}
 * leaves it stopped. Init arg {@code user} (e.g. {@code sqs-bridge}) starts it with Spark Relay's
 * users, permissions and TLS ({@link NatsServerProcess#createSecured}) and gives the service that
 * user's password and the CA, so the test runs with the permissions the service ships with.
 */
public class NatsServerResource implements QuarkusTestResourceLifecycleManager {

  private NatsServerProcess server;
  private Integer maxPayload;
  private boolean started;
  private String user;

  @Override
  public void init(Map<String, String> initArgs) {
    String value = initArgs.get("max-payload");
    maxPayload = value == null ? null : Integer.valueOf(value);
    started = Boolean.parseBoolean(initArgs.getOrDefault("started", "true"));
    user = initArgs.get("user");
  }

  @Override
  public Map<String, String> start() {
    server =
        user == null
            ? NatsServerProcess.create(maxPayload)
            : NatsServerProcess.createSecured(maxPayload);
    if (started) {
      server.start();
    }
    return server.serviceConfig(user);
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
