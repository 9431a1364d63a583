package io.sparkrelay.simulator.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sparkrelay.simulator.SimulatorSettings;
import io.sparkrelay.simulator.kube.Controllers;
import io.sparkrelay.simulator.kube.Json;
import io.sparkrelay.simulator.kube.SharedPods;
import io.sparkrelay.standin.RelayCustomResources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * SIMULATOR of the Spark Operator (and of the Spark driver's own executor handling), for the local
 * chain and tests only. A new SparkApplication goes "" -> SUBMITTED (driver pod created) -> RUNNING
 * (driver pod running; executor pods created) -> COMPLETED or FAILED, following the driver pod the
 * simulated kubelet moves. The pods carry the labels the operator and Spark put on them plus the
 * spec's driver/executor labels. Skipped: SUCCEEDING/FAILING, restart policies, services, UI.
 */
public final class SparkOperatorSimulator implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(SparkOperatorSimulator.class.getName());

  private final KubernetesClient client;
  private final KubernetesClient kubelet;
  private final SimulatorSettings settings;
  private final SharedPods sharedPods;
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor();
  private SharedIndexInformer<GenericKubernetesResource> informer;

  public SparkOperatorSimulator(
      KubernetesClient client,
      KubernetesClient kubelet,
      SimulatorSettings settings,
      SharedPods sharedPods) {
    this.client = client;
    this.kubelet = kubelet;
    this.settings = settings;
    this.sharedPods = sharedPods;
  }

  public void start() {
    informer =
        client
            .genericKubernetesResources(RelayCustomResources.SPARK_APPLICATION)
            .inAnyNamespace()
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(GenericKubernetesResource app) {
                    maybeRun(app);
                  }

                  @Override
                  public void onUpdate(
                      GenericKubernetesResource old, GenericKubernetesResource app) {
                    maybeRun(app);
                  }

                  @Override
                  public void onDelete(GenericKubernetesResource app, boolean unknown) {
                    // pods of a deleted application are left to the (absent) garbage collector
                  }
                });
  }

  private void maybeRun(GenericKubernetesResource app) {
    String state = Json.text(Json.tree(app), "status.applicationState.state");
    if (!state.isEmpty() || !started.add(app.getMetadata().getUid())) {
      return;
    }
    runs.submit(() -> lifecycle(app));
  }

  private void lifecycle(GenericKubernetesResource app) {
    String namespace = app.getMetadata().getNamespace();
    String name = app.getMetadata().getName();
    try {
      new Run(app).run();
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.ERROR, "spark application " + namespace + "/" + name + " broke", e);
    }
  }

  /** One application's life. */
  private final class Run {

    private final GenericKubernetesResource app;
    private final JsonNode spec;
    private final String namespace;
    private final String name;
    private final String driverPod;
    private final String applicationId = "spark-" + UUID.randomUUID().toString().replace("-", "");
    private final String submissionId = UUID.randomUUID().toString();
    private final String scenario;
    private final ObjectNode status = Json.MAPPER.createObjectNode();
    private final Map<String, String> executorState = new LinkedHashMap<>();

    Run(GenericKubernetesResource app) {
      this.app = app;
      this.spec = Json.tree(app).path("spec");
      this.namespace = app.getMetadata().getNamespace();
      this.name = app.getMetadata().getName();
      this.driverPod = name + "-driver";
      this.scenario = scenarioOf(app);
    }

    void run() {
      Controllers.pause(settings.stepDelay());
      status.put("sparkApplicationId", applicationId);
      status.put("submissionID", submissionId);
      status.put("lastSubmissionAttemptTime", Json.now());
      status.put("submissionAttempts", 1);
      status.putObject("driverInfo").put("podName", driverPod);
      state("SUBMITTED", null);
      createDriver();

      Pod driver = awaitDriver(pod -> isRunning(pod) || isTerminated(pod) || pullFailingFor(pod));
      if (driver == null) {
        state(
            "FAILED",
            "driver pod " + driverPod + " did not start within " + settings.resourceTimeout());
        return;
      }
      if (pullFailingFor(driver)) {
        ContainerStatus container = driver.getStatus().getContainerStatuses().get(0);
        state(
            "FAILED",
            "driver pod "
                + driverPod
                + " cannot start: "
                + container.getState().getWaiting().getReason()
                + ": "
                + container.getState().getWaiting().getMessage());
        return;
      }
      if (isRunning(driver)) {
        status.put("executionAttempts", 1);
        ((ObjectNode) status.get("driverInfo"))
            .put("webUIAddress", driver.getStatus().getPodIP() + ":4040")
            .put("webUIPort", 4040);
        state("RUNNING", null);
        List<String> executors = createExecutors(driver);
        awaitExecutorsRunning(executors);
        driver = awaitDriver(SparkOperatorSimulator::isTerminated);
        if (driver == null) {
          state(
              "FAILED",
              "driver pod " + driverPod + " did not finish within " + settings.resourceTimeout());
          return;
        }
      }
      finish(driver);
    }

    private void finish(Pod driver) {
      List<String> executors = new ArrayList<>(executorState.keySet());
      status.put("terminationTime", Json.now());
      if ("Succeeded".equals(driver.getStatus().getPhase())) {
        executors.forEach(this::completeExecutor);
        state("COMPLETED", null);
        return;
      }
      // Spark's driver is gone: its executors go with it (their owner reference is the driver pod).
      for (String executor : executors) {
        client.pods().inNamespace(namespace).withName(executor).delete();
        executorState.put(executor, "FAILED");
      }
      state("FAILED", driverFailure(driver));
    }

    private void createDriver() {
      Map<String, String> labels = new LinkedHashMap<>(labelsOf(spec.path("driver")));
      labels.put(SparkLabels.SPARK_ROLE, "driver");
      labels.putAll(operatorLabels());
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withName(driverPod)
              .withNamespace(namespace)
              .withLabels(labels)
              .withAnnotations(scenarioAnnotation())
              .withOwnerReferences(
                  Controllers.ownedBy(
                      app.getApiVersion(), app.getKind(), name, app.getMetadata().getUid()))
              .endMetadata()
              .withNewSpec()
              .withServiceAccountName(spec.path("driver").path("serviceAccount").asText(null))
              .withRestartPolicy("Never")
              .addNewContainer()
              .withName("spark-kubernetes-driver")
              .withImage(imageOf(spec.path("driver")))
              .withArgs(
                  "driver",
                  "--class",
                  spec.path("mainClass").asText(""),
                  spec.path("mainApplicationFile").asText(""))
              .endContainer()
              .endSpec()
              .build();
      createIfAbsent(pod);
    }

    private List<String> createExecutors(Pod driver) {
      int instances = Math.max(1, spec.path("executor").path("instances").asInt(1));
      String prefix = name + "-" + applicationId.substring(6, 22);
      List<String> names = new ArrayList<>();
      for (int id = 1; id <= instances; id++) {
        String podName = prefix + "-exec-" + id;
        Map<String, String> labels = new LinkedHashMap<>(labelsOf(spec.path("executor")));
        labels.put(SparkLabels.SPARK_ROLE, "executor");
        labels.put(SparkLabels.EXECUTOR_ID, String.valueOf(id));
        labels.putAll(operatorLabels());
        Pod pod =
            new PodBuilder()
                .withNewMetadata()
                .withName(podName)
                .withNamespace(namespace)
                .withLabels(labels)
                .withOwnerReferences(
                    Controllers.ownedBy(
                        "v1",
                        "Pod",
                        driverPod,
                        driver == null ? null : driver.getMetadata().getUid()))
                .endMetadata()
                .withNewSpec()
                .withServiceAccountName(spec.path("executor").path("serviceAccount").asText(null))
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName("spark-kubernetes-executor")
                .withImage(imageOf(spec.path("executor")))
                .withArgs("executor")
                .endContainer()
                .endSpec()
                .build();
        createIfAbsent(pod);
        names.add(podName);
        executorState.put(podName, "PENDING");
      }
      state("RUNNING", null);
      return names;
    }

    private void awaitExecutorsRunning(List<String> executors) {
      for (String executor : executors) {
        try {
          sharedPods.await(
              namespace,
              executor,
              pod -> "Running".equals(pod.getStatus() == null ? null : pod.getStatus().getPhase()),
              settings.resourceTimeout());
          executorState.put(executor, "RUNNING");
        } catch (KubernetesClientException e) {
          executorState.put(executor, "UNKNOWN");
        }
      }
      state("RUNNING", null);
    }

    /** The driver ended well: Spark stops its executors, which exit 0. */
    private void completeExecutor(String executor) {
      String now = Json.now();
      try {
        Pod running =
            sharedPods.await(
                namespace, executor, pod -> pod.getStatus() != null, settings.resourceTimeout());
        // a copy: the informer's object is shared
        PodStatus status = new PodStatusBuilder(running.getStatus()).build();
        status.setPhase("Succeeded");
        for (ContainerStatus container : status.getContainerStatuses()) {
          String startedAt =
              container.getState().getRunning() == null
                  ? now
                  : container.getState().getRunning().getStartedAt();
          container.setReady(false);
          container.setStarted(false);
          container.setState(
              new io.fabric8.kubernetes.api.model.ContainerStateBuilder()
                  .withNewTerminated()
                  .withExitCode(0)
                  .withReason("Completed")
                  .withStartedAt(startedAt)
                  .withFinishedAt(now)
                  .endTerminated()
                  .build());
        }
        // the executor's container exits when its driver stops it: its kubelet reports that
        Controllers.writePodStatus(kubelet, namespace, executor, status);
        executorState.put(executor, "COMPLETED");
      } catch (KubernetesClientException e) {
        executorState.put(executor, "UNKNOWN");
      }
    }

    private Pod awaitDriver(java.util.function.Predicate<Pod> condition) {
      try {
        return sharedPods.await(
            namespace,
            driverPod,
            pod -> pod.getStatus() != null && condition.test(pod),
            settings.resourceTimeout());
      } catch (KubernetesClientException e) {
        return null;
      }
    }

    /** The kubelet gave up pulling the driver's image (after ErrImagePull, in back-off). */
    private boolean pullFailingFor(Pod pod) {
      return waitingReason(pod).filter(reason -> reason.equals("ImagePullBackOff")).isPresent();
    }

    private Map<String, String> operatorLabels() {
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put(SparkLabels.APP_NAME, name);
      labels.put(SparkLabels.LAUNCHED_BY_OPERATOR, "true");
      labels.put(SparkLabels.SUBMISSION_ID, submissionId);
      labels.put(SparkLabels.APP_SELECTOR, applicationId);
      return labels;
    }

    private Map<String, String> scenarioAnnotation() {
      return scenario.isEmpty() ? Map.of() : Map.of(SparkLabels.SCENARIO_ANNOTATION, scenario);
    }

    private String imageOf(JsonNode role) {
      return role.hasNonNull("image")
          ? role.get("image").asText()
          : spec.path("image").asText("spark:latest");
    }

    private void state(String state, String errorMessage) {
      ObjectNode applicationState = status.putObject("applicationState");
      applicationState.put("state", state);
      if (errorMessage != null) {
        applicationState.put("errorMessage", errorMessage);
      }
      ObjectNode executors = status.putObject("executorState");
      executorState.forEach(executors::put);
      Map<String, Object> snapshot = Json.map(status.deepCopy());
      try {
        Controllers.writeStatus(
            client, RelayCustomResources.SPARK_APPLICATION, namespace, name, snapshot);
        LOG.log(
            System.Logger.Level.INFO,
            "sparkapplication {0}/{1} {2}{3}",
            namespace,
            name,
            state,
            errorMessage == null ? "" : ": " + errorMessage);
      } catch (KubernetesClientException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "cannot write the status of sparkapplication {0}/{1}: {2}",
            namespace,
            name,
            e.getMessage());
      }
    }
  }

  /** Creates a pod; a 409 after a retried create means the first attempt made it. */
  private void createIfAbsent(Pod pod) {
    try {
      Controllers.persistently(
          () -> client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create());
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  static boolean isRunning(Pod pod) {
    return "Running".equals(pod.getStatus().getPhase());
  }

  static boolean isTerminated(Pod pod) {
    String phase = pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  static Optional<String> waitingReason(Pod pod) {
    return pod.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getState() != null && c.getState().getWaiting() != null)
        .map(c -> c.getState().getWaiting().getReason())
        .findFirst();
  }

  /** The operator's message for a failed driver, from its terminated container. */
  static String driverFailure(Pod driver) {
    return driver.getStatus().getContainerStatuses().stream()
        .filter(c -> c.getState() != null && c.getState().getTerminated() != null)
        .map(
            c ->
                "driver container failed with ExitCode: "
                    + c.getState().getTerminated().getExitCode()
                    + ", Reason: "
                    + c.getState().getTerminated().getReason())
        .findFirst()
        .orElse("driver pod failed");
  }

  /** The scenario label, on the application itself or on its driver's labels. */
  static String scenarioOf(GenericKubernetesResource app) {
    Map<String, String> labels = app.getMetadata().getLabels();
    if (labels != null && labels.containsKey(SparkLabels.SCENARIO)) {
      return labels.get(SparkLabels.SCENARIO);
    }
    return Json.text(
        Json.tree(app), "spec.driver.labels." + SparkLabels.SCENARIO.replace(".", "\\."));
  }

  private static Map<String, String> labelsOf(JsonNode role) {
    Map<String, String> labels = new LinkedHashMap<>();
    role.path("labels")
        .fields()
        .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
    return labels;
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    runs.shutdownNow();
  }
}
