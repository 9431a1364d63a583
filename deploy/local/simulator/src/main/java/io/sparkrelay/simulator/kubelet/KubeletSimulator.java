package io.sparkrelay.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sparkrelay.simulator.SimulatorSettings;
import io.sparkrelay.simulator.kube.Controllers;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.simulator.kube.SharedPods;
import io.sparkrelay.simulator.spark.SparkLabels;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * SIMULATOR of the kubelet, for the local chain and tests only: moves every new pod Pending ->
 * Running with container states, then ends it. A Spark driver runs for the configured time and then
 * exits 0 (Succeeded); executors keep running until their driver's end (the simulated operator
 * stops them); other pods succeed after a short run. Failures asked for with the label {@code
 * spark-relay.io/scenario} (or the simulator's annotation):
 *
 * <ul>
 *   <li>{@code oom}: the driver's container is OOMKilled (exit 137), pod Failed;
 *   <li>{@code error}: the driver's container exits 1 (reason Error), pod Failed;
 *   <li>{@code image-pull}: the driver's container waits in ErrImagePull, then ImagePullBackOff,
 *       and the pod stays Pending.
 * </ul>
 */
public final class KubeletSimulator implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(KubeletSimulator.class.getName());

  private final KubernetesClient client;
  private final SimulatorSettings settings;
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final ExecutorService pods = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger addresses = new AtomicInteger();
  private final SharedPods sharedPods;

  public KubeletSimulator(
      KubernetesClient client, SimulatorSettings settings, SharedPods sharedPods) {
    this.client = client;
    this.settings = settings;
    this.sharedPods = sharedPods;
  }

  /** Reacts to every new pod seen through {@code sharedPods} (call before it starts). */
  public void start() {
    sharedPods.onAddOrUpdate(this::maybeRun);
  }

  private void maybeRun(Pod pod) {
    boolean fresh =
        pod.getStatus() == null
            || pod.getStatus().getPhase() == null
            || pod.getStatus().getPhase().isEmpty();
    if (fresh && started.add(pod.getMetadata().getUid())) {
      pods.submit(() -> lifecycle(pod));
    }
  }

  private void lifecycle(Pod pod) {
    String namespace = pod.getMetadata().getNamespace();
    String name = pod.getMetadata().getName();
    try {
      String role = label(pod, SparkLabels.SPARK_ROLE);
      String scenario = "driver".equals(role) ? scenarioOf(pod) : "";
      Placement placement = new Placement(Json.now(), nextPodIp());
      writeStatus(pod, placement, "Pending", waiting("ContainerCreating", null), false);
      Controllers.pause(settings.stepDelay());
      if ("image-pull".equals(scenario)) {
        String image = pod.getSpec().getContainers().get(0).getImage();
        writeStatus(
            pod,
            placement,
            "Pending",
            waiting(
                "ErrImagePull",
                "failed to pull and unpack image \""
                    + image
                    + "\": not found (simulated by spark-relay.io/scenario=image-pull)"),
            false);
        Controllers.pause(settings.imagePullBackOff());
        writeStatus(
            pod,
            placement,
            "Pending",
            waiting("ImagePullBackOff", "Back-off pulling image \"" + image + "\""),
            false);
        return;
      }
      String startedAt = Json.now();
      writeStatus(
          pod,
          placement,
          "Running",
          new ContainerStateBuilder()
              .withNewRunning()
              .withStartedAt(startedAt)
              .endRunning()
              .build(),
          true);
      if ("executor".equals(role)) {
        return;
      }
      Controllers.pause(
          "driver".equals(role) ? settings.driverRunDuration() : settings.containerStepDuration());
      ContainerState end =
          switch (scenario) {
            case "oom" -> terminated(137, "OOMKilled", startedAt);
            case "error" -> terminated(1, "Error", startedAt);
            default -> terminated(0, "Completed", startedAt);
          };
      writeStatus(
          pod,
          placement,
          end.getTerminated().getExitCode() == 0 ? "Succeeded" : "Failed",
          end,
          false);
    } catch (KubernetesClientException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "pod {0}/{1}: {2} (deleted meanwhile?)",
          namespace,
          name,
          e.getMessage());
    }
  }

  /** Where and since when the simulated pod runs: set once, repeated in every status write. */
  private record Placement(String startTime, String podIp) {}

  private String nextPodIp() {
    int n = addresses.incrementAndGet();
    return "10.1." + (n / 250 % 250) + "." + (n % 250 + 2);
  }

  /**
   * Writes the pod's whole status from what this kubelet knows, without reading it first: the spec
   * it builds on (the containers) cannot change.
   */
  private void writeStatus(
      Pod pod, Placement placement, String phase, ContainerState state, boolean ready) {
    PodStatus status = new PodStatus();
    status.setPhase(phase);
    status.setStartTime(placement.startTime());
    status.setPodIP(placement.podIp());
    status.setHostIP("10.0.0.1");
    status.setConditions(conditions(phase, ready, Json.now()));
    status.setContainerStatuses(
        pod.getSpec().getContainers().stream()
            .map(container -> containerStatus(container, state, ready))
            .toList());
    Controllers.writePodStatus(
        client, pod.getMetadata().getNamespace(), pod.getMetadata().getName(), status);
  }

  private static ContainerStatus containerStatus(
      Container container, ContainerState state, boolean ready) {
    return new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(container.getImage())
        .withImageID(state.getWaiting() == null ? "sha256:simulated" : "")
        .withReady(ready)
        .withStarted(state.getRunning() != null)
        .withRestartCount(0)
        .withState(state)
        .build();
  }

  private static List<PodCondition> conditions(String phase, boolean ready, String now) {
    String readyStatus = ready ? "True" : "False";
    return List.of(
        condition("PodScheduled", "True", now),
        condition("Initialized", "True", now),
        condition("ContainersReady", readyStatus, now),
        condition("Ready", readyStatus, now));
  }

  private static PodCondition condition(String type, String status, String now) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withLastTransitionTime(now)
        .build();
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  private static ContainerState terminated(int exitCode, String reason, String startedAt) {
    return new ContainerStateBuilder()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(reason)
        .withStartedAt(startedAt)
        .withFinishedAt(Json.now())
        .endTerminated()
        .build();
  }

  private static String scenarioOf(Pod pod) {
    String labelled = label(pod, SparkLabels.SCENARIO);
    if (!labelled.isEmpty()) {
      return labelled;
    }
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    return annotations == null ? "" : annotations.getOrDefault(SparkLabels.SCENARIO_ANNOTATION, "");
  }

  private static String label(Pod pod, String key) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault(key, "");
  }

  @Override
  public void close() {
    pods.shutdownNow();
  }
}
