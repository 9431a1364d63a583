package io.sparkrelay.testkit;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the Kubernetes API stand-in answered, by client (the first word of the
 * User-Agent), verb (as the API server's audit log names them: get, list, watch, create, update,
 * patch, delete, deletecollection) and resource ({@code plural} or {@code plural/subresource}).
 * Counts, not the requests themselves, so a long benchmark does not fill the heap.
 */
public final class ApiRequestLog {

  /** One row of the log. */
  public record Entry(String client, String verb, String resource, long count) {}

  private record Key(String client, String verb, String resource) {}

  private final Map<Key, LongAdder> counts = new ConcurrentHashMap<>();

  public void record(String method, String path, String userAgent) {
    Call call = Call.parse(method, path);
    Key key = new Key(client(userAgent), call.verb(), call.resource());
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  /** The rows, sorted by client, resource and verb. */
  public List<Entry> entries() {
    return counts.entrySet().stream()
        .map(
            e ->
                new Entry(
                    e.getKey().client(),
                    e.getKey().verb(),
                    e.getKey().resource(),
                    e.getValue().sum()))
        .sorted(
            Comparator.comparing(Entry::client)
                .thenComparing(Entry::resource)
                .thenComparing(Entry::verb))
        .toList();
  }

  /**
   * Reads the log a stand-in serves at {@link KubernetesApiStandIn#REQUEST_LOG_PATH}, keyed "client
   * verb resource".
   */
  public static Map<String, Long> fetch(String apiUrl) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(apiUrl + KubernetesApiStandIn.REQUEST_LOG_PATH))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("request log: HTTP " + response.statusCode() + " from " + apiUrl);
      }
      Map<String, Long> counts = new TreeMap<>();
      for (Entry e : Serialization.unmarshal(response.body(), Entry[].class)) {
        counts.put(e.client() + " " + e.verb() + " " + e.resource(), e.count());
      }
      return counts;
    }
  }

  /** The client's name: the User-Agent up to its first '/' or space ("unknown" when absent). */
  static String client(String userAgent) {
    if (userAgent == null || userAgent.isBlank()) {
      return "unknown";
    }
    return userAgent.strip().split("[/ ]", 2)[0];
  }

  /** A request reduced to the verb and resource the API server would authorise it as. */
  record Call(String verb, String resource) {

    static Call parse(String method, String pathAndQuery) {
      int q = pathAndQuery.indexOf('?');
      String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
      String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
      List<String> segments = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
      int prefix = segments.isEmpty() ? 0 : segments.get(0).equals("api") ? 2 : 3;
      if (segments.size() <= prefix
          || !(segments.get(0).equals("api") || segments.get(0).equals("apis"))) {
        return new Call(method.toLowerCase(java.util.Locale.ROOT), "discovery");
      }
      List<String> rest = segments.subList(prefix, segments.size());
      String plural;
      String name = null;
      String subresource = null;
      if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
        plural = rest.get(2);
        name = rest.size() > 3 ? rest.get(3) : null;
        subresource = rest.size() > 4 ? rest.get(4) : null;
      } else {
        plural = rest.get(0);
        name = rest.size() > 1 ? rest.get(1) : null;
        subresource = rest.size() > 2 ? rest.get(2) : null;
      }
      String resource = subresource == null ? plural : plural + "/" + subresource;
      return new Call(verb(method, name != null, isWatch(query)), resource);
    }

    private static boolean isWatch(String query) {
      for (String parameter : query.split("&")) {
        if (parameter.equals("watch=true") || parameter.equals("watch=1")) {
          return true;
        }
      }
      return false;
    }

    private static String verb(String method, boolean named, boolean watch) {
      return switch (method.toUpperCase(java.util.Locale.ROOT)) {
        case "GET" -> watch ? "watch" : named ? "get" : "list";
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> named ? "delete" : "deletecollection";
        default -> method.toLowerCase(java.util.Locale.ROOT);
      };
    }
  }
}
