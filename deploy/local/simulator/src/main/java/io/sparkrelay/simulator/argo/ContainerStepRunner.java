package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkrelay.simulator.kube.Controllers;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.simulator.kube.SharedPods;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an Argo {@code container} or {@code script} step the way the controller does: creates the
 * step's pod (named {@code <workflow>-<template>-<node hash>}, with the Workflow's {@code
 * podMetadata} and Argo's labels, containers {@code wait} and {@code main}), lets the (simulated)
 * kubelet run it, and takes the node's phase from the pod's. {@code podGC} decides which pods are
 * deleted and when.
 */
final class ContainerStepRunner {

  private static final String EXECUTOR_IMAGE = "quay.io/argoproj/argoexec:latest";

  private final KubernetesClient client;
  private final SharedPods sharedPods;
  private final GenericKubernetesResource workflow;
  private final Duration timeout;
  private final String podGcStrategy;
  private final List<String> collectAtEnd = new ArrayList<>();

  ContainerStepRunner(
      KubernetesClient client,
      SharedPods sharedPods,
      GenericKubernetesResource workflow,
      Duration timeout,
      String podGcStrategy) {
    this.client = client;
    this.sharedPods = sharedPods;
    this.workflow = workflow;
    this.timeout = timeout;
    this.podGcStrategy = podGcStrategy;
  }

  Outcome run(JsonNode template, String nodeName, String nodeId, JsonNode podMetadata) {
    String namespace = workflow.getMetadata().getNamespace();
    String workflowName = workflow.getMetadata().getName();
    String podName =
        workflowName
            + "-"
            + template.path("name").asText()
            + nodeId.substring(workflowName.length());
    JsonNode main = template.has("container") ? template.get("container") : template.get("script");
    Map<String, String> labels = new LinkedHashMap<>(strings(podMetadata.path("labels")));
    labels.put("workflows.argoproj.io/workflow", workflowName);
    labels.put("workflows.argoproj.io/completed", "false");
    Map<String, String> annotations = new LinkedHashMap<>(strings(podMetadata.path("annotations")));
    annotations.put("workflows.argoproj.io/node-name", nodeName);
    annotations.put("workflows.argoproj.io/node-id", nodeId);
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(podName)
            .withNamespace(namespace)
            .withLabels(labels)
            .withAnnotations(annotations)
            .withOwnerReferences(
                Controllers.ownedBy(
                    "argoproj.io/v1alpha1",
                    "Workflow",
                    workflowName,
                    workflow.getMetadata().getUid()))
            .endMetadata()
            .withNewSpec()
            .withRestartPolicy("Never")
            .withServiceAccountName(
                Json.text(Json.tree(workflow), "spec.serviceAccountName").isEmpty()
                    ? null
                    : Json.text(Json.tree(workflow), "spec.serviceAccountName"))
            .withContainers(
                new ContainerBuilder().withName("wait").withImage(EXECUTOR_IMAGE).build(),
                mainContainer(main))
            .endSpec()
            .build();
    Pod finished;
    try {
      try {
        Controllers.persistently(() -> client.pods().inNamespace(namespace).resource(pod).create());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
      }
      finished =
          sharedPods.await(
              namespace,
              podName,
              p ->
                  p.getStatus() != null
                      && List.of("Succeeded", "Failed").contains(p.getStatus().getPhase()),
              timeout);
    } catch (KubernetesClientException e) {
      return Outcome.error("pod " + podName + ": " + e.getMessage());
    }
    boolean succeeded = "Succeeded".equals(finished.getStatus().getPhase());
    collect(namespace, podName, succeeded);
    return succeeded ? Outcome.succeeded(null) : Outcome.failed(failure(finished));
  }

  /** Deletes the pods podGC keeps until the Workflow's end. */
  void workflowFinished(boolean succeeded) {
    boolean collect =
        "OnWorkflowCompletion".equals(podGcStrategy)
            || ("OnWorkflowSuccess".equals(podGcStrategy) && succeeded);
    if (collect) {
      for (String podName : collectAtEnd) {
        client.pods().inNamespace(workflow.getMetadata().getNamespace()).withName(podName).delete();
      }
    }
  }

  private void collect(String namespace, String podName, boolean succeeded) {
    boolean now =
        "OnPodCompletion".equals(podGcStrategy)
            || ("OnPodSuccess".equals(podGcStrategy) && succeeded);
    if (now) {
      client.pods().inNamespace(namespace).withName(podName).delete();
    } else {
      collectAtEnd.add(podName);
    }
  }

  private static Container mainContainer(JsonNode main) {
    ContainerBuilder container =
        new ContainerBuilder().withName("main").withImage(main.path("image").asText("busybox"));
    main.path("command").forEach(c -> container.addToCommand(c.asText()));
    main.path("args").forEach(a -> container.addToArgs(a.asText()));
    return container.build();
  }

  private static String failure(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> "main".equals(c.getName()) && c.getState().getTerminated() != null)
        .map(c -> c.getState().getTerminated())
        .map(ContainerStepRunner::describe)
        .findFirst()
        .orElse("pod " + pod.getMetadata().getName() + " failed");
  }

  private static String describe(ContainerStateTerminated terminated) {
    return terminated.getReason() + " (exit code " + terminated.getExitCode() + ")";
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> values = new LinkedHashMap<>();
    object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }
}
