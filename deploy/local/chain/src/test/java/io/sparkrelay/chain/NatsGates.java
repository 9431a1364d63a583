package io.sparkrelay.chain;

import io.sparkrelay.testkit.OutageProxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A gate between each service instance and the NATS servers: one {@link OutageProxy} per instance
 * and node, so that one instance can be cut off from NATS (its connections dropped, new ones
 * refused, as an unreachable network looks) while every other process keeps its own. Needs no root
 * and no network tools. run.sh is told the gates with {@code --nats-url NAME=URLS}; the servers run
 * with {@code no_advertise}, so a client never learns the nodes' own ports and stays behind its
 * gate. TLS goes through end to end (the certificate names 127.0.0.1, as the gate does).
 */
final class NatsGates implements AutoCloseable {

  private final Map<String, List<OutageProxy>> gates = new LinkedHashMap<>();

  /**
   * @param instances the service instances as run.sh names them ({@code sqs-bridge}, {@code
   *     sqs-bridge-1}, ...)
   * @param natsPorts every node's client port
   */
  NatsGates(List<String> instances, List<Integer> natsPorts) {
    for (String instance : instances) {
      List<OutageProxy> proxies = new ArrayList<>();
      for (int port : natsPorts) {
        proxies.add(OutageProxy.to(port));
      }
      gates.put(instance, proxies);
    }
  }

  /** run.sh's options that send each instance through its gates. */
  List<String> runShOptions() {
    List<String> options = new ArrayList<>();
    gates.forEach(
        (instance, proxies) -> {
          options.add("--nats-url");
          options.add(
              instance
                  + "="
                  + proxies.stream()
                      .map(proxy -> "nats://127.0.0.1:" + proxy.port())
                      .collect(Collectors.joining(",")));
        });
    return options;
  }

  List<String> instances() {
    return List.copyOf(gates.keySet());
  }

  /** Drops every NATS connection of {@code instance} and refuses new ones. */
  void cutOff(String instance) {
    proxies(instance).forEach(OutageProxy::cutOff);
  }

  void restore(String instance) {
    proxies(instance).forEach(OutageProxy::restore);
  }

  private List<OutageProxy> proxies(String instance) {
    List<OutageProxy> proxies = gates.get(instance);
    if (proxies == null) {
      throw new IllegalArgumentException("no NATS gate for " + instance);
    }
    return proxies;
  }

  @Override
  public void close() {
    gates.values().forEach(proxies -> proxies.forEach(OutageProxy::close));
  }
}
