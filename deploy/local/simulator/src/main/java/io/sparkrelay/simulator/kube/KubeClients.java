package io.sparkrelay.simulator.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Clients for the local API stand-in: plain HTTP, no kubeconfig, a bearer token when given. */
public final class KubeClients {

  /** How the simulator's calls show in the API stand-in's request log. */
  public static final String USER_AGENT = "spark-relay-cluster-simulator/local";

  private KubeClients() {}

  /** A client for {@code masterUrl} that ignores any kubeconfig of the machine it runs on. */
  public static KubernetesClient forUrl(String masterUrl) {
    return forUrl(masterUrl, null);
  }

  /** As {@link #forUrl(String)}, calling as the identity of {@code token} (null: none). */
  public static KubernetesClient forUrl(String masterUrl, String token) {
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(masterUrl)
            .withOauthToken(token)
            .withTrustCerts(true)
            .withNamespace("default")
            .withRequestRetryBackoffLimit(3)
            .withUserAgent(USER_AGENT)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
