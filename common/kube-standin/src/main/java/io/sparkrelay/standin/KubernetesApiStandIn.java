package io.sparkrelay.standin;

import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.sparkrelay.standin.apiserver.GatedDispatcher;
import io.sparkrelay.standin.apiserver.Refusal;
import io.sparkrelay.standin.apiserver.RequestGate;
import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Function;

/**
 * The fabric8 Kubernetes mock API server in CRUD mode, knowing Spark Relay's custom resources.
 * Expectations set with {@code server().expect()} are answered first (to inject faults), everything
 * else is stored and served as a real API server would, watches included. It validates no schema.
 */
public final class KubernetesApiStandIn implements AutoCloseable {

  private final KubernetesMockServer server;
  private final GatedDispatcher dispatcher;
  private final Function<RecordedRequest, String> identify;
  private Thread requestDrain;

  private KubernetesApiStandIn(
      KubernetesMockServer server,
      GatedDispatcher dispatcher,
      Function<RecordedRequest, String> identify) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.identify = identify;
  }

  /** Starts on {@code port} (0 for a free one) on the loopback address, letting every call in. */
  public static KubernetesApiStandIn start(int port) {
    return start(port, List.of(), request -> "unknown");
  }

  /** As {@link #start(int, List, Function)}, naming no caller in the logs. */
  public static KubernetesApiStandIn start(int port, List<RequestGate> gates) {
    return start(port, gates, request -> "unknown");
  }

  /**
   * Starts on {@code port} (0 for a free one) on the loopback address; every request passes the
   * {@code gates} (authentication, RBAC, schemas) before the store sees it.
   *
   * @param identify the user a request comes from, for the request log and the refusals
   */
  public static KubernetesApiStandIn start(
      int port, List<RequestGate> gates, Function<RecordedRequest, String> identify) {
    return startAround(port, store -> gates, identify);
  }

  /**
   * As {@link #start(int, List, Function)}, with gates made around the store, for a gate that must
   * read what the store holds (schema admission of a patch checks the object it makes).
   */
  public static KubernetesApiStandIn startAround(
      int port,
      Function<Dispatcher, List<RequestGate>> gatesAround,
      Function<RecordedRequest, String> identify) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    Dispatcher store = new KubernetesMixedDispatcher(responses, RelayCustomResources.ALL);
    GatedDispatcher dispatcher = new GatedDispatcher(store, gatesAround.apply(store), identify);
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
    server.init(InetAddress.getLoopbackAddress(), port);
    KubernetesApiStandIn standIn = new KubernetesApiStandIn(server, dispatcher, identify);
    server
        .expect()
        .get()
        .withPath(REFUSALS_PATH)
        .andReply(200, request -> Serialization.asJson(dispatcher.refusals()))
        .always();
    return standIn;
  }

  /** Path at which the stand-in serves the latest refused requests as JSON. */
  public static final String REFUSALS_PATH = "/relay-stand-in/refusals";

  /** The latest requests a gate refused, oldest first. */
  public List<Refusal> refusals() {
    return dispatcher.refusals();
  }

  /** Reads the refusals a stand-in serves at {@link #REFUSALS_PATH}. */
  public static List<Refusal> fetchRefusals(String apiUrl)
      throws IOException, InterruptedException {
    return List.of(
        Serialization.unmarshal(StandInPages.get(apiUrl, REFUSALS_PATH), Refusal[].class));
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
                      if (!request.getPath().startsWith("/relay-stand-in/")) {
                        log.record(
                            request.getMethod(),
                            request.getPath(),
                            request.getHeader("User-Agent"),
                            identify.apply(request));
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
