package io.sparkrelay.common.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.standin.apiserver.ApiStatus;
import io.sparkrelay.standin.apiserver.RequestAttributes;
import io.sparkrelay.standin.apiserver.RequestGate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The informers of a service against the API stand-in, one namespace refused by its RBAC. */
class WatchedInformersTest {

  private KubernetesApiStandIn api;
  private KubernetesClient client;
  private final WatchedInformers informers = new WatchedInformers();

  @AfterEach
  void stop() {
    informers.stopAll();
    client.close();
    api.close();
  }

  private void start(List<RequestGate> gates) {
    api = KubernetesApiStandIn.start(0, gates);
    Config config =
        new ConfigBuilder()
            .withMasterUrl(api.url())
            .withTrustCerts(true)
            .withRequestTimeout(5_000)
            .build();
    client = new KubernetesClientBuilder().withConfig(config).build();
  }

  private SharedIndexInformer<GenericKubernetesResource> workflowsIn(String namespace) {
    return client
        .genericKubernetesResources(KubeResources.context(CustomResources.WORKFLOW))
        .inNamespace(namespace)
        .runnableInformer(0);
  }

  @Test
  void readyOnceEveryInformerListedAndWatches() {
    start(List.of());
    assertThat(informers.notWatching()).contains("informers not started");

    informers.add("Workflows in argo-workflows", workflowsIn("argo-workflows"));
    informers.add("Workflows in spark-team-a", workflowsIn("spark-team-a"));
    assertThat(informers.notWatching()).contains("Workflows in argo-workflows not listed yet");

    informers.startAll();
    await().atMost(Duration.ofSeconds(10)).until(informers::isWatching);
    assertThat(informers.notWatching()).isEmpty();
  }

  @Test
  void anInformerTheApiRefusesIsNamedWithTheRefusalAndKeepsTrying() {
    RequestGate refuseTeamA =
        request ->
            request.getPath().contains("/namespaces/spark-team-a/")
                ? new RequestGate.Refuse(
                    ApiStatus.forbidden(
                        RequestAttributes.parse(request.getMethod(), request.getPath()),
                        "system:serviceaccount:spark-relay:workflow-launcher",
                        ""))
                : new RequestGate.Pass(request);
    start(List.of(refuseTeamA));
    informers.add("Workflows in argo-workflows", workflowsIn("argo-workflows"));
    informers.add("Workflows in spark-team-a", workflowsIn("spark-team-a"));
    informers.startAll();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                informers
                    .notWatching()
                    .filter(
                        why ->
                            why.startsWith("Workflows in spark-team-a not listed yet: ")
                                && why.contains(
                                    "workflows.argoproj.io is forbidden: User"
                                        + " \"system:serviceaccount:spark-relay:workflow-launcher\""
                                        + " cannot list resource \"workflows\" in API group"
                                        + " \"argoproj.io\" in the namespace \"spark-team-a\""))
                    .isPresent());
    assertThat(informers.isWatching()).isFalse();
  }
}
