package io.sparkrelay.testkit;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * The fabric8 Kubernetes mock API server in CRUD mode, knowing Spark Relay's custom resources.
 * Expectations set with {@code server().expect()} are answered first (to inject faults), everything
 * else is stored and served as a real API server would, watches included. It validates no schema.
 */
public final class KubernetesApiStandIn implements AutoCloseable {

  private final KubernetesMockServer server;

  private KubernetesApiStandIn(KubernetesMockServer server) {
    this.server = server;
  }

  /** Starts on {@code port} (0 for a free one) on the loopback address. */
  public static KubernetesApiStandIn start(int port) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            responses,
            new KubernetesMixedDispatcher(responses, RelayCustomResources.ALL),
            false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return new KubernetesApiStandIn(server);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  /** The underlying mock server, to set expectations or read the request log. */
  public KubernetesMockServer server() {
    return server;
  }

  @Override
  public void close() {
    server.destroy();
  }
}
