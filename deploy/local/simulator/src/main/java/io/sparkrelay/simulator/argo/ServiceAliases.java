package io.sparkrelay.simulator.argo;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulator's stand-in for cluster DNS and a Service: an in-cluster address ({@code host} or
 * {@code host:port}) mapped to one local address or several ({@code 127.0.0.1:8092,127.0.0.1:8102},
 * the instances of a service). Each request starts at the next address in turn (round-robin, as
 * kube-proxy spreads connections over a Service's endpoints); {@link HttpStepRunner} goes on to the
 * following one when an address refuses the connection, as a Service no longer sends to an endpoint
 * that is not ready. One instance is shared by every Workflow the simulator runs.
 */
final class ServiceAliases {

  private final Map<String, List<String>> addresses = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> turns = new LinkedHashMap<>();

  /**
   * @param aliases in-cluster address to local address(es), several separated by commas
   */
  ServiceAliases(Map<String, String> aliases) {
    aliases.forEach(
        (host, local) -> {
          List<String> targets = new ArrayList<>();
          for (String address : local.split(",")) {
            if (!address.isBlank()) {
              targets.add(address.trim());
            }
          }
          if (targets.isEmpty()) {
            throw new IllegalArgumentException("service alias " + host + " has no address");
          }
          addresses.put(host, List.copyOf(targets));
          turns.put(host, new AtomicInteger());
        });
  }

  /**
   * The local URLs of an in-cluster one, the one whose turn it is first and then the others in
   * order; the URL itself alone when no alias applies.
   */
  List<URI> resolve(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    String key = uri.getHost() + ":" + port;
    if (!addresses.containsKey(key)) {
      key = uri.getHost();
    }
    List<String> targets = addresses.get(key);
    if (targets == null) {
      return List.of(uri);
    }
    int first = Math.floorMod(turns.get(key).getAndIncrement(), targets.size());
    List<URI> uris = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      uris.add(
          URI.create(
              "http://"
                  + targets.get((first + i) % targets.size())
                  + (uri.getRawPath() == null ? "" : uri.getRawPath())
                  + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }
    return uris;
  }
}
