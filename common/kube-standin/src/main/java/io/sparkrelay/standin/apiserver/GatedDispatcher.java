package io.sparkrelay.standin.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Runs every request through the gates, then through the stand-in's own dispatcher, and keeps the
 * latest refusals: a test fails on any refused call of the code it runs.
 */
public final class GatedDispatcher extends Dispatcher {

  /** Refusals kept; enough to name every refused kind of call in a run. */
  private static final int KEPT = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Dispatcher store;
  private final List<RequestGate> gates;
  private final Function<RecordedRequest, String> identify;
  private final Deque<Refusal> refusals = new ConcurrentLinkedDeque<>();
  private final AtomicLong refused = new AtomicLong();

  /** As {@link #GatedDispatcher(Dispatcher, List, Function)}, naming no caller in the log. */
  public GatedDispatcher(Dispatcher store, List<? extends RequestGate> gates) {
    this(store, List.copyOf(gates), request -> "unknown");
  }

  /**
   * @param identify the user a request comes from, for the refusal log
   */
  public GatedDispatcher(
      Dispatcher store, List<RequestGate> gates, Function<RecordedRequest, String> identify) {
    this.store = store;
    this.gates = List.copyOf(gates);
    this.identify = identify;
  }

  /** The latest refusals, oldest first. */
  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }

  /** Every refusal since the start, kept or not. */
  public long refusedCount() {
    return refused.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    RecordedRequest current = request;
    for (RequestGate gate : gates) {
      switch (gate.check(current)) {
        case RequestGate.Pass pass -> current = pass.request();
        case RequestGate.Refuse refuse -> {
          remember(current, refuse.response());
          return refuse.response();
        }
      }
    }
    return store.dispatch(current);
  }

  private void remember(RecordedRequest request, MockResponse response) {
    RequestAttributes call = RequestAttributes.parse(request.getMethod(), request.getPath());
    refusals.addLast(
        new Refusal(
            identify.apply(request),
            call.verb(),
            call.resourceRequest() ? call.resourceWithSubresource() : call.path(),
            call.namespace(),
            call.name(),
            response.code(),
            message(response)));
    refused.incrementAndGet();
    while (refusals.size() > KEPT) {
      refusals.pollFirst();
    }
  }

  private static String message(MockResponse response) {
    try {
      return JSON.readTree(response.getBody().getBytes()).path("message").asText("");
    } catch (Exception e) {
      return "";
    }
  }

  @Override
  public void shutdown() {
    store.shutdown();
  }
}
