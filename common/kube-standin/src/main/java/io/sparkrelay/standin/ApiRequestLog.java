package io.sparkrelay.standin;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.sparkrelay.standin.apiserver.RequestAttributes;
import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the Kubernetes API stand-in answered, by client (the first word of the
 * User-Agent), identity (the user of its bearer token), verb and resource as the API server
 * authorizes them ({@link RequestAttributes}: get, list, watch, create, update, patch, delete,
 * deletecollection; {@code plural} or {@code plural/subresource}) and namespace. Counts, not the
 * requests themselves, so a long benchmark does not fill the heap.
 */
public final class ApiRequestLog {

  /** One row of the log; {@code namespace} is empty for cluster-wide calls. */
  public record Entry(
      String client, String identity, String verb, String resource, String namespace, long count) {}

  private record Key(
      String client, String identity, String verb, String resource, String namespace) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  public void record(String method, String path, String userAgent, String identity) {
    RequestAttributes call = RequestAttributes.parse(method, path);
    String resource = call.resourceRequest() ? call.resourceWithSubresource() : "discovery";
    Key key =
        new Key(
            client(userAgent),
            identity == null ? "unknown" : identity,
            call.verb(),
            resource,
            call.namespace());
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** The rows, sorted by client, resource, verb and namespace. */
  public List<Entry> entries() {
    return counts.entrySet().stream()
        .map(
            e ->
                new Entry(
                    e.getKey().client(),
                    e.getKey().identity(),
                    e.getKey().verb(),
                    e.getKey().resource(),
                    e.getKey().namespace(),
                    e.getValue().sum()))
        .sorted(
            Comparator.comparing(Entry::client)
                .thenComparing(Entry::resource)
                .thenComparing(Entry::verb)
                .thenComparing(Entry::namespace))
        .toList();
  }

  /**
   * Reads the log a stand-in serves at {@link KubernetesApiStandIn#REQUEST_LOG_PATH}, keyed "client
   * verb resource" (summed over identities and namespaces).
   */
  public static Map<String, Long> fetch(String apiUrl) throws IOException, InterruptedException {
    Map<String, Long> counts = new TreeMap<>();
    for (Entry e : fetchEntries(apiUrl)) {
      counts.merge(e.client() + " " + e.verb() + " " + e.resource(), e.count(), Long::sum);
    }
    return counts;
  }

  /** Every row of the log a stand-in serves at {@link KubernetesApiStandIn#REQUEST_LOG_PATH}. */
  public static List<Entry> fetchEntries(String apiUrl) throws IOException, InterruptedException {
    return List.of(
        Serialization.unmarshal(
            StandInPages.get(apiUrl, KubernetesApiStandIn.REQUEST_LOG_PATH), Entry[].class));
  }

  /** The client's name: the User-Agent up to its first '/' or space ("unknown" when absent). */
  static String client(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    return userAgent.strip().split("[/ ]", 2)[0];
  }
}
