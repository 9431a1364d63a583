package io.sparkrelay.standin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KubernetesApiRequestLogTest {

  private KubernetesApiStandIn api;

  @BeforeEach
  void start() {
    api = KubernetesApiStandIn.start(0);
    api.countRequests();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void countsEachClientsCallsByVerbAndResourceAsTheApiServerWouldAuthoriseThem() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (KubernetesClient client = client("relay-test/1.0 (junit)");
        KubernetesClient other = client(null)) {
      Watch watch = client.configMaps().inNamespace("ns").watch(recordNames(seen));
      client.configMaps().inNamespace("ns").resource(configMap("a")).create();
      client.configMaps().inNamespace("ns").resource(configMap("b")).create();
      client.configMaps().inNamespace("ns").withName("a").get();
      client.configMaps().inNamespace("ns").list();
      client.configMaps().inNamespace("ns").withName("b").delete();
      other.configMaps().inNamespace("ns").list();
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() >= 3);
      watch.close();
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(requestLog())
                    .containsEntry("relay-test watch configmaps", 1L)
                    .containsEntry("relay-test create configmaps", 2L)
                    .containsEntry("relay-test get configmaps", 1L)
                    .containsEntry("relay-test list configmaps", 1L)
                    .containsEntry("relay-test delete configmaps", 1L)
                    .containsEntry("fabric8-kubernetes-client list configmaps", 1L));
  }

  @Test
  void servesTheLogWithoutCountingItsOwnReads() throws Exception {
    requestLog();
    requestLog();
    assertThat(requestLog()).isEmpty();
  }

  @Test
  void recordsTheNamespaceAndTheIdentityOfEachCall() throws Exception {
    try (KubernetesClient client = client("relay-test/1.0")) {
      client.configMaps().inNamespace("ns").resource(configMap("c")).create();
      client.configMaps().inNamespace("other").list();
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(ApiRequestLog.fetchEntries(api.url()))
                    .containsExactly(
                        new ApiRequestLog.Entry(
                            "relay-test", "unknown", "create", "configmaps", "ns", 1),
                        new ApiRequestLog.Entry(
                            "relay-test", "unknown", "list", "configmaps", "other", 1)));
  }

  private KubernetesClient client(String userAgent) {
    ConfigBuilder config = new ConfigBuilder().withMasterUrl(api.url()).withNamespace("ns");
    if (userAgent != null) {
      config.withUserAgent(userAgent);
    }
    return new KubernetesClientBuilder().withConfig(config.build()).build();
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  private static Watcher<ConfigMap> recordNames(List<String> seen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        seen.add(action + " " + resource.getMetadata().getName());
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private Map<String, Long> requestLog() throws Exception {
    return ApiRequestLog.fetch(api.url());
  }
}
