package io.sparkrelay.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Starts the fabric8 mock API server in CRUD mode for a Quarkus test and points the Quarkus
 * Kubernetes client at it (Quarkus' own test-kubernetes-client artifact is not available here).
 */
public class KubernetesApiResource implements QuarkusTestResourceLifecycleManager {

  private KubernetesApiStandIn api;

  @Override
  public Map<String, String> start() {
    api = KubernetesApiStandIn.start(0);
    return Map.of(
        "quarkus.kubernetes-client.api-server-url", api.url(),
        "quarkus.kubernetes-client.trust-certs", "true",
        "quarkus.kubernetes-client.namespace", "default",
        "quarkus.kubernetes-client.token", "test-token",
        "quarkus.kubernetes-client.devservices.enabled", "false");
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        api,
        new TestInjector.AnnotatedAndMatchesType(
            InjectKubernetesApi.class, KubernetesApiStandIn.class));
  }

  @Override
  public void stop() {
    if (api != null) {
      api.close();
    }
  }
}
