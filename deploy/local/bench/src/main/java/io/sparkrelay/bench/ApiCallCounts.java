package io.sparkrelay.bench;

import io.sparkrelay.standin.ApiRequestLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of the API stand-in's request log: calls by client (the service), verb, resource and
 * namespace, keyed {@code "client verb resource in namespace"}.
 */
record ApiCallCounts(Map<String, Long> counts) {

  private static final String RELAY = "spark-relay-";

  static ApiCallCounts fetch(String apiUrl) throws Exception {
    Map<String, Long> counts = new TreeMap<>();
    for (ApiRequestLog.Entry e : ApiRequestLog.fetchEntries(apiUrl)) {
      String where = e.namespace().isEmpty() ? " (cluster-wide)" : " in " + e.namespace();
      counts.merge(e.client() + " " + e.verb() + " " + e.resource() + where, e.count(), Long::sum);
    }
    return new ApiCallCounts(counts);
  }

  ApiCallCounts minus(ApiCallCounts earlier) {
    Map<String, Long> delta = new LinkedHashMap<>();
    counts.forEach(
        (key, count) -> {
          long d = count - earlier.counts.getOrDefault(key, 0L);
          if (d > 0) {
            delta.put(key, d);
          }
        });
    return new ApiCallCounts(delta);
  }

  /**
   * One row per Spark Relay service, verb, resource and namespace, as calls per run; the simulator
   * (playing Argo, the Spark Operator and the kubelet) and the benchmark's own watch summed in one
   * row each.
   */
  List<String[]> perRunRows(int runs, String prefix) {
    List<String[]> rows = new ArrayList<>();
    Map<String, Long> others = new LinkedHashMap<>();
    counts.forEach(
        (key, count) -> {
          String client = key.substring(0, key.indexOf(' '));
          if (client.startsWith(RELAY)
              && !client.equals(RELAY + "cluster-simulator")
              && !client.equals(RELAY + "bench")) {
            rows.add(
                new String[] {
                  prefix + "API calls per run " + key.substring(RELAY.length()),
                  String.format("%.2f", (double) count / runs),
                  "calls",
                  count + " in " + runs + " runs"
                });
          } else {
            others.merge(client, count, Long::sum);
          }
        });
    if (rows.isEmpty()) {
      rows.add(new String[] {prefix + "API calls per run (Spark Relay services)", "none", "", ""});
    }
    others.forEach(
        (client, count) ->
            rows.add(
                new String[] {
                  prefix + "API calls per run " + client + " (all verbs)",
                  String.format("%.2f", (double) count / runs),
                  "calls",
                  "not Spark Relay; " + count + " in " + runs + " runs"
                }));
    return rows;
  }
}
