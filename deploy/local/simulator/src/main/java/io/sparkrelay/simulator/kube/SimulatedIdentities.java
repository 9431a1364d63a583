package io.sparkrelay.simulator.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One API client per part of the cluster the simulator plays, each calling as that part would in a
 * cluster (deploy/local/rbac/simulated-cluster.yaml): the Argo workflow controller, the Argo
 * executor (resource steps run as the Workflow's service account), the Spark Operator and the
 * kubelet. So the API stand-in's RBAC holds each of them to its own rules.
 */
public record SimulatedIdentities(
    KubernetesClient argoController,
    KubernetesClient argoExecutor,
    KubernetesClient sparkOperator,
    KubernetesClient kubelet) {

  /** The roles a token file names, one {@code role token} pair per line. */
  public static final List<String> ROLES =
      List.of("argo-controller", "argo-executor", "spark-operator", "kubelet");

  /** Every part as the same client (a stand-in that checks no identity). */
  public static SimulatedIdentities allAs(KubernetesClient client) {
    return new SimulatedIdentities(client, client, client, client);
  }

  /** A client per role, with the bearer token {@code tokenFile} gives it. */
  public static SimulatedIdentities fromTokenFile(String masterUrl, Path tokenFile) {
    Map<String, String> tokens = new HashMap<>();
    try (Stream<String> lines = Files.lines(tokenFile)) {
      lines
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .forEach(
              line -> {
                String[] parts = line.split("\\s+", 2);
                tokens.put(parts[0], parts.length > 1 ? parts[1] : "");
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String role : ROLES) {
      if (!tokens.containsKey(role)) {
        throw new IllegalArgumentException(tokenFile + " has no token for " + role);
      }
    }
    return new SimulatedIdentities(
        KubeClients.forUrl(masterUrl, tokens.get("argo-controller")),
        KubeClients.forUrl(masterUrl, tokens.get("argo-executor")),
        KubeClients.forUrl(masterUrl, tokens.get("spark-operator")),
        KubeClients.forUrl(masterUrl, tokens.get("kubelet")));
  }

  /** Closes each distinct client once. */
  public void close() {
    Stream.of(argoController, argoExecutor, sparkOperator, kubelet)
        .distinct()
        .forEach(KubernetesClient::close);
  }
}
