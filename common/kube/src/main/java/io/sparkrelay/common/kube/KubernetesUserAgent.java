package io.sparkrelay.common.kube;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends {@code spark-relay-<service>/<version>} as User-Agent instead of fabric8's generic one, so
 * the API server's audit log, its request metrics and API priority and fairness can tell this
 * service's calls apart.
 */
@Singleton
public class KubernetesUserAgent implements KubernetesConfigCustomizer {

  private final String userAgent;

  KubernetesUserAgent(
      @ConfigProperty(name = "quarkus.application.name") String name,
      @ConfigProperty(name = "quarkus.application.version") String version) {
    this.userAgent = "spark-relay-" + name + "/" + version;
  }

  @Override
  public void customize(Config config) {
    config.setUserAgent(userAgent);
  }
}
