package io.sparkrelay.simulator.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkrelay.standin.KubernetesApiStandIn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SharedPodsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  private static KubernetesApiStandIn api;
  private static KubernetesClient client;
  private static SharedPods pods;
  private static final List<String> seen = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    api = KubernetesApiStandIn.start(0);
    client = KubeClients.forUrl(api.url());
    pods = new SharedPods(client);
    pods.onAddOrUpdate(pod -> seen.add(pod.getMetadata().getName()));
    pods.start();
  }

  @AfterAll
  static void stop() {
    pods.close();
    client.close();
    api.close();
  }

  private static Pod create(String name) {
    return client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("main")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private static void phase(String name, String phase) {
    Controllers.writePodStatus(
        client, "default", name, new PodStatusBuilder().withPhase(phase).build());
  }

  private static boolean running(Pod pod) {
    return pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
  }

  @Test
  void aWaitEndsWhenThePodReachesTheCondition() throws Exception {
    create("later");
    CompletableFuture<Pod> waiting =
        CompletableFuture.supplyAsync(
            () -> pods.await("default", "later", SharedPodsTest::running, PATIENCE));

    phase("later", "Pending");
    phase("later", "Running");

    Pod pod = waiting.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
  }

  @Test
  void aPodAlreadyInTheConditionAnswersAtOnceAndListenersSawIt() {
    create("already");
    phase("already", "Running");
    // the first wait may meet the pod before the informer has it; the answer is the same
    assertThat(pods.await("default", "already", SharedPodsTest::running, PATIENCE).getStatus())
        .extracting(status -> status.getPhase())
        .isEqualTo("Running");

    Pod again = pods.await("default", "already", SharedPodsTest::running, Duration.ofMillis(1));

    assertThat(again.getMetadata().getName()).isEqualTo("already");
    assertThat(seen).contains("already");
  }

  @Test
  void aConditionNeverMetEndsWithTheClientsException() {
    create("stuck");
    phase("stuck", "Pending");

    assertThatThrownBy(
            () -> pods.await("default", "stuck", SharedPodsTest::running, Duration.ofMillis(300)))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("pod default/stuck did not reach the awaited condition");
  }
}
