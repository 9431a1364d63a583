package io.sparkrelay.reporter.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlimItemStoreTest {

  @Test
  void podsKeepLabelsStatusAndOwnersButLoseManagedFieldsAnnotationsAndSpec() {
    GenericKubernetesResource pod =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("v1")
            .withKind("Pod")
            .withNewMetadata()
            .withName("driver")
            .withNamespace("spark")
            .addToLabels("spark-relay.io/run-id", "r1")
            .addToAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{...}")
            .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubelet").build())
            .withUid("pod-uid")
            .withOwnerReferences(
                new OwnerReferenceBuilder()
                    .withApiVersion("sparkoperator.k8s.io/v1beta2")
                    .withKind("SparkApplication")
                    .withName("taxi-spark")
                    .withUid("app-uid")
                    .withController(true)
                    .withBlockOwnerDeletion(true)
                    .build())
            .endMetadata()
            .build();
    pod.setAdditionalProperty(
        "spec", Map.of("containers", List.of(Map.of("name", "spark-kubernetes-driver"))));
    pod.setAdditionalProperty("status", Map.of("phase", "Running"));
    SlimItemStore<GenericKubernetesResource> store = new SlimItemStore<>();

    store.put(store.getKey(pod), pod);

    GenericKubernetesResource kept = store.get("spark/driver");
    assertThat(kept.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(kept.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(kept.getAdditionalProperties()).doesNotContainKey("spec");
    assertThat(kept.getMetadata().getLabels()).containsEntry("spark-relay.io/run-id", "r1");
    assertThat(kept.getAdditionalProperties().get("status")).isEqualTo(Map.of("phase", "Running"));
    // the owner chain the reporter checks pods by: kind, name, UID (and whether it is the
    // controller)
    assertThat(kept.getMetadata().getUid()).isEqualTo("pod-uid");
    assertThat(kept.getMetadata().getOwnerReferences())
        .containsExactly(
            new OwnerReferenceBuilder()
                .withApiVersion("sparkoperator.k8s.io/v1beta2")
                .withKind("SparkApplication")
                .withName("taxi-spark")
                .withUid("app-uid")
                .withController(true)
                .build());
  }

  @Test
  void podsKeepOnlyTheStatusFieldsTheirFactsRead() {
    GenericKubernetesResource pod =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("v1")
            .withKind("Pod")
            .withNewMetadata()
            .withName("exec-1")
            .withNamespace("spark")
            .endMetadata()
            .build();
    Map<String, Object> running = Map.of("running", Map.of("startedAt", "2026-12-01T10:00:05Z"));
    pod.setAdditionalProperty(
        "status",
        Map.of(
            "phase", "Running",
            "qosClass", "Burstable",
            "hostIP", "10.0.0.7",
            "podIPs", List.of(Map.of("ip", "10.0.3.9")),
            "startTime", "2026-12-01T10:00:00Z",
            "conditions",
                List.of(
                    Map.of(
                        "type", "Ready",
                        "status", "True",
                        "lastTransitionTime", "2026-12-01T10:00:05Z")),
            "containerStatuses",
                List.of(
                    Map.of(
                        "name", "spark-kubernetes-executor",
                        "image", "apache/spark:3.5.3",
                        "imageID", "docker.io/apache/spark@sha256:aaaa",
                        "containerID", "containerd://cccc",
                        "ready", true,
                        "restartCount", 0,
                        "state", running))));
    SlimItemStore<GenericKubernetesResource> store = new SlimItemStore<>();

    store.put(store.getKey(pod), pod);

    assertThat(store.get("spark/exec-1").getAdditionalProperties().get("status"))
        .isEqualTo(
            Map.of(
                "phase", "Running",
                "conditions",
                    List.of(Map.of("type", "Ready", "lastTransitionTime", "2026-12-01T10:00:05Z")),
                "containerStatuses",
                    List.of(
                        Map.of(
                            "name", "spark-kubernetes-executor",
                            "image", "apache/spark:3.5.3",
                            "state", running))));
  }

  @Test
  void workflowsKeepOnlyThePhaseMessageTimesAndStepsOfTheirStatus() {
    GenericKubernetesResource workflow =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("argoproj.io/v1alpha1")
            .withKind("Workflow")
            .withNewMetadata()
            .withName("taxi-1")
            .withNamespace("argo")
            .endMetadata()
            .build();
    workflow.setAdditionalProperty("spec", Map.of("templates", "many"));
    workflow.setAdditionalProperty(
        "status",
        Map.of(
            "phase", "Failed",
            "message", "child failed",
            "startedAt", "2026-01-01T00:00:00Z",
            "nodes",
                Map.of(
                    "n1",
                    Map.of(
                        "displayName", "submit-spark",
                        "type", "HTTP",
                        "phase", "Failed",
                        "inputs", Map.of("huge", "tree"),
                        "outputs", Map.of("result", "big"))),
            "storedTemplates", Map.of("t", "x")));
    SlimItemStore<GenericKubernetesResource> store = new SlimItemStore<>();

    store.put(store.getKey(workflow), workflow);

    Map<?, ?> status = (Map<?, ?>) store.get("argo/taxi-1").getAdditionalProperties().get("status");
    assertThat(status.keySet().stream().map(String::valueOf).toList())
        .containsExactlyInAnyOrder("phase", "message", "startedAt", "nodes");
    assertThat(((Map<?, ?>) status.get("nodes")).get("n1"))
        .isEqualTo(Map.of("displayName", "submit-spark", "type", "HTTP", "phase", "Failed"));
    assertThat(store.get("argo/taxi-1").getAdditionalProperties()).doesNotContainKey("spec");
  }
}
