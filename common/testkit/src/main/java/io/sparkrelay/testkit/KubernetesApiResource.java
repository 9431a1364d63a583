package io.sparkrelay.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.apiserver.Authentication;
import io.sparkrelay.standin.apiserver.Authorization;
import io.sparkrelay.standin.apiserver.BearerTokens;
import io.sparkrelay.standin.apiserver.Identity;
import io.sparkrelay.standin.apiserver.RbacAuthorizer;
import io.sparkrelay.standin.apiserver.RbacPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts the fabric8 mock API server in CRUD mode for a Quarkus test and points the Quarkus
 * Kubernetes client at it (Quarkus' own test-kubernetes-client artifact is not available here).
 * Every caller may do anything, unless the init argument {@code rbac} names RBAC files (comma
 * separated, relative to the module): then the service calls as the user {@code identity} (a
 * service account of the chart, say) and is held to those rules, as in a cluster. Init arguments
 * named {@code relay.*} are handed to the service as configuration (the settings the chart would
 * give it with those Roles; a test profile cannot, since it rebuilds the application after the
 * client's build-time settings are fixed).
 */
public class KubernetesApiResource implements QuarkusTestResourceLifecycleManager {

  private KubernetesApiStandIn api;
  private List<Path> rbac = List.of();
  private String identity;
  private final Map<String, String> serviceConfig = new java.util.HashMap<>();

  @Override
  public void init(Map<String, String> initArgs) {
    String files = initArgs.getOrDefault("rbac", "");
    rbac = files.isBlank() ? List.of() : Arrays.stream(files.split(",")).map(Path::of).toList();
    identity = initArgs.get("identity");
    initArgs.forEach(
        (name, value) -> {
          if (name.startsWith("relay.")) {
            serviceConfig.put(name, value);
          }
        });
  }

  @Override
  public Map<String, String> start() {
    String token = "test-token";
    if (rbac.isEmpty()) {
      api = KubernetesApiStandIn.start(0);
    } else {
      token = UUID.randomUUID().toString();
      Authentication authentication =
          new Authentication(BearerTokens.parse(token + " " + identity, "test tokens"));
      RbacPolicy policy;
      try {
        policy = RbacPolicy.load(rbac).withBootstrapRoles();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      api =
          KubernetesApiStandIn.start(
              0,
              List.of(
                  authentication, new Authorization(authentication, new RbacAuthorizer(policy))),
              request ->
                  authentication.identityOf(request).map(Identity::user).orElse("unauthenticated"));
    }
    Map<String, String> config = new java.util.HashMap<>(serviceConfig);
    config.putAll(
        Map.of(
            "quarkus.kubernetes-client.api-server-url", api.url(),
            "quarkus.kubernetes-client.trust-certs", "true",
            "quarkus.kubernetes-client.namespace", "default",
            "quarkus.kubernetes-client.token", token,
            "quarkus.kubernetes-client.devservices.enabled", "false"));
    return config;
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
