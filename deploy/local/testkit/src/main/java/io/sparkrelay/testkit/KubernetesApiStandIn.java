package io.sparkrelay.testkit;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
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
  private Thread requestDrain;

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

  /** Path at which {@link #countRequests()} serves the request log as JSON. */
  public static final String REQUEST_LOG_PATH = "/relay-stand-in/requests";

  /**
   * Keeps a request log by client, verb and resource, served at {@link #REQUEST_LOG_PATH}, and
   * empties the mock server's own request queue as it goes: that queue keeps every request with its
   * body, which a long-running stand-in cannot afford. {@code server().takeRequest()} sees nothing
   * afterwards.
   */
  public synchronized ApiRequestLog countRequests() {
    if (requestDrain != null) {
      throw new IllegalStateException("requests are counted already");
    }
    ApiRequestLog log = new ApiRequestLog();
    server
        .expect()
        .get()
        .withPath(REQUEST_LOG_PATH)
        .andReply(200, request -> Serialization.asJson(log.entries()))
        .always();
    requestDrain =
        Thread.ofPlatform()
            .daemon()
            .name("api-request-log")
            .start(
                () -> {
                  try {
                    while (true) {
                      RecordedRequest request = server.takeRequest();
                      if (!request.getPath().startsWith(REQUEST_LOG_PATH)) {
                        log.record(
                            request.getMethod(),
                            request.getPath(),
                            request.getHeader("User-Agent"));
                      }
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    return log;
  }

  /**
   * Answers every Workflow create in {@code namespace} with 201 and the object sent, storing
   * nothing: no Argo controller, informer or list sees it. For measuring the relay's own pace
   * without the CRUD store, whose every call scans all stored objects.
   */
  public void answerWorkflowCreatesWithoutStoring(String namespace) {
    server
        .expect()
        .post()
        .withPath("/apis/argoproj.io/v1alpha1/namespaces/" + namespace + "/workflows")
        .andReply(201, RecordedRequest::getUtf8Body)
        .always();
  }

  /** The underlying mock server, to set expectations or read the request log. */
  public KubernetesMockServer server() {
    return server;
  }

  @Override
  public void close() {
    if (requestDrain != null) {
      requestDrain.interrupt();
    }
    server.destroy();
  }
}
