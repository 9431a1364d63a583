package io.sparkrelay.standin.apiserver;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A rule a real API server holds that the CRUD stand-in does not: authentication, authorization,
 * schema admission. Each gate sees every request before the store does, in the order given to
 * {@link GatedDispatcher}, and either hands it on (possibly rewritten, e.g. with unknown fields
 * pruned) or answers it with a refusal.
 */
public interface RequestGate {

  Verdict check(RecordedRequest request);

  /** What a gate decided. */
  sealed interface Verdict {}

  /** Hand {@code request} on to the next gate, then to the store. */
  record Pass(RecordedRequest request) implements Verdict {}

  /** Answer with {@code response} (a Kubernetes Status); the store never sees the request. */
  record Refuse(MockResponse response) implements Verdict {}
}
