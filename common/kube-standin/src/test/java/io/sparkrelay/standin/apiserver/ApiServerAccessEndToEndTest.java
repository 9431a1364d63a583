package io.sparkrelay.standin.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.RelayCustomResources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gates in front of the real stand-in, spoken to by the fabric8 client the services use. */
class ApiServerAccessEndToEndTest {

  private Authorization authorization;
  private KubernetesApiStandIn api;

  @BeforeEach
  void start() {
    Authentication authentication = ApiServerFixtures.authentication();
    authorization =
        new Authorization(authentication, new RbacAuthorizer(ApiServerFixtures.policy()));
    api = KubernetesApiStandIn.start(0, List.of(authentication, authorization));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void theLauncherMayCreateAWorkflowInItsNamespace() {
    try (KubernetesClient launcher = client("launcher-token")) {
      GenericKubernetesResource created =
          launcher
              .genericKubernetesResources(RelayCustomResources.WORKFLOW)
              .inNamespace("argo-workflows")
              .resource(workflow("wf-1"))
              .create();

      assertThat(created.getMetadata().getName()).isEqualTo("wf-1");
    }
  }

  @Test
  void theReporterIsRefusedAWorkflowListWithKubesMessage() {
    try (KubernetesClient reporter = client("reporter-token")) {
      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class,
              () ->
                  reporter
                      .genericKubernetesResources(RelayCustomResources.WORKFLOW)
                      .inNamespace("spark-team-a")
                      .list());

      assertThat(refused.getCode()).isEqualTo(403);
      assertThat(refused.getStatus().getReason()).isEqualTo("Forbidden");
      assertThat(refused.getStatus().getMessage())
          .isEqualTo(
              "workflows.argoproj.io is forbidden: User"
                  + " \"system:serviceaccount:spark-relay:spark-relay-status-reporter\" cannot"
                  + " list resource \"workflows\" in API group \"argoproj.io\" in the namespace"
                  + " \"spark-team-a\"");
    }
  }

  @Test
  void aClientWithoutTokenIsUnauthorized() {
    try (KubernetesClient anonymous = client(null)) {
      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class,
              () -> anonymous.pods().inNamespace("spark-team-a").list());

      assertThat(refused.getCode()).isEqualTo(401);
      assertThat(refused.getStatus().getMessage()).isEqualTo("Unauthorized");
    }
  }

  @Test
  void anInformersWatchIsAuthorizedAsWatch() {
    try (KubernetesClient reporter = client("reporter-token");
        SharedIndexInformer<Pod> informer = reporter.pods().inNamespace("spark-team-a").inform()) {

      assertThat(informer.isWatching()).isTrue();
      // The pod reader's rule 0 grants list only, rule 1 watch only.
      assertThat(allowedBy("spark-relay-pod-reader", 0)).as("lists").isEqualTo(1);
      assertThat(allowedBy("spark-relay-pod-reader", 1)).as("watches").isEqualTo(1);
    }
  }

  @Test
  void aRefusedWatchFailsWith403() {
    try (KubernetesClient launcher = client("launcher-token")) {
      KubernetesClientException refused =
          catchThrowableOfType(
              KubernetesClientException.class,
              () -> launcher.pods().inNamespace("spark-team-a").watch(new NoOpWatcher()));

      assertThat(refused.getCode()).isEqualTo(403);
      // The body is kube's Status (see AuthorizationTest), but a failed WebSocket upgrade shows
      // fabric8 only the status line: services log "Forbidden" for a refused watch.
      assertThat(refused.getStatus().getMessage()).isEqualTo("Forbidden");
    }
  }

  private long allowedBy(String clusterRole, int rule) {
    return authorization.usage().stream()
        .filter(u -> u.role().equals(RoleName.clusterRole(clusterRole)) && u.ruleIndex() == rule)
        .findFirst()
        .orElseThrow()
        .allowed();
  }

  private KubernetesClient client(String token) {
    ConfigBuilder config =
        new ConfigBuilder().withMasterUrl(api.url()).withRequestRetryBackoffLimit(0);
    if (token != null) {
      config.withOauthToken(token);
    }
    return new KubernetesClientBuilder().withConfig(config.build()).build();
  }

  private static GenericKubernetesResource workflow(String name) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("argoproj.io/v1alpha1")
        .withKind("Workflow")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(Map.of("spec", Map.of("entrypoint", "main")))
        .build();
  }

  private static final class NoOpWatcher implements Watcher<Pod> {
    @Override
    public void eventReceived(Action action, Pod resource) {}

    @Override
    public void onClose(WatcherException cause) {}
  }
}
