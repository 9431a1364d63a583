package io.sparkrelay.submitter.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.submitter.job.SparkJob;
import io.sparkrelay.submitter.profile.JobProfile;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the SparkApplication (sparkoperator.k8s.io/v1beta2) for a job, in one place. Field names
 * follow the operator's CRD; the relay labels go on the object and into spec.driver.labels and
 * spec.executor.labels so the pods carry the run id too.
 */
public final class SparkApplicationManifest {

  private SparkApplicationManifest() {}

  public static GenericKubernetesResource of(SparkJob job) {
    Map<String, String> labels = labels(job);
    GenericKubernetesResource application = new GenericKubernetesResource();
    application.setApiVersion(CustomResources.SPARK_APPLICATION.apiVersion());
    application.setKind(CustomResources.SPARK_APPLICATION.kind());
    application.setMetadata(
        new ObjectMetaBuilder()
            .withName(job.name())
            .withNamespace(job.namespace())
            .withLabels(labels)
            .build());
    application.setAdditionalProperty("spec", spec(job, labels));
    return application;
  }

  static Map<String, String> labels(SparkJob job) {
    Map<String, String> labels = new LinkedHashMap<>(job.extraLabels());
    labels.put(RelayLabels.RUN_ID, job.runId());
    labels.put(RelayLabels.WORKFLOW, job.workflow());
    if (job.trigger() != null) {
      labels.put(RelayLabels.TRIGGER, job.trigger());
    }
    labels.put(RelayLabels.MANAGED_BY, RelayLabels.MANAGED_BY_VALUE);
    return labels;
  }

  private static Map<String, Object> spec(SparkJob job, Map<String, String> labels) {
    JobProfile profile = job.profile();
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("type", profile.type());
    putIfPresent(spec, "pythonVersion", profile.pythonVersion());
    spec.put("mode", profile.mode());
    spec.put("image", profile.image());
    spec.put("imagePullPolicy", profile.imagePullPolicy());
    spec.put("sparkVersion", profile.sparkVersion());
    spec.put("mainApplicationFile", profile.mainApplicationFile());
    putIfPresent(spec, "mainClass", profile.mainClass());
    if (!job.arguments().isEmpty()) {
      spec.put("arguments", job.arguments());
    }
    if (!profile.sparkConf().isEmpty()) {
      spec.put("sparkConf", profile.sparkConf());
    }
    if (!profile.hadoopConf().isEmpty()) {
      spec.put("hadoopConf", profile.hadoopConf());
    }
    spec.put("restartPolicy", restartPolicy(profile.restartPolicy()));
    spec.put("timeToLiveSeconds", profile.timeToLiveSeconds());
    spec.put("driver", driver(job, labels));
    spec.put("executor", executor(job, labels));
    return spec;
  }

  private static Map<String, Object> driver(SparkJob job, Map<String, String> labels) {
    Map<String, Object> driver = new LinkedHashMap<>();
    driver.put("cores", job.driverCores());
    putIfPresent(driver, "coreLimit", job.profile().driver().coreLimit());
    driver.put("memory", job.driverMemory());
    putIfPresent(driver, "serviceAccount", job.profile().serviceAccount());
    driver.put("labels", labels);
    restricted(driver, job.profile().runAsUser());
    return driver;
  }

  private static Map<String, Object> executor(SparkJob job, Map<String, String> labels) {
    Map<String, Object> executor = new LinkedHashMap<>();
    executor.put("instances", job.executors());
    executor.put("cores", job.executorCores());
    putIfPresent(executor, "coreLimit", job.profile().executor().coreLimit());
    executor.put("memory", job.executorMemory());
    putIfPresent(executor, "serviceAccount", job.profile().serviceAccount());
    executor.put("labels", labels);
    restricted(executor, job.profile().runAsUser());
    return executor;
  }

  /**
   * The restricted Pod Security Standard where Spark allows it: non-root, no privilege escalation,
   * no capabilities, the runtime's seccomp profile. The root filesystem stays writable: Spark
   * writes its local directories and the PySpark worker files under it unless volumes are mounted
   * for them.
   */
  private static void restricted(Map<String, Object> pod, long runAsUser) {
    Map<String, Object> podContext = new LinkedHashMap<>();
    podContext.put("runAsNonRoot", true);
    podContext.put("runAsUser", runAsUser);
    podContext.put("fsGroup", runAsUser);
    podContext.put("seccompProfile", Map.of("type", "RuntimeDefault"));
    pod.put("podSecurityContext", podContext);
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("runAsNonRoot", true);
    container.put("runAsUser", runAsUser);
    container.put("allowPrivilegeEscalation", false);
    container.put("capabilities", Map.of("drop", java.util.List.of("ALL")));
    container.put("seccompProfile", Map.of("type", "RuntimeDefault"));
    pod.put("securityContext", container);
  }

  private static Map<String, Object> restartPolicy(JobProfile.RestartPolicy policy) {
    Map<String, Object> restart = new LinkedHashMap<>();
    restart.put("type", policy.type());
    putIfPresent(restart, "onFailureRetries", policy.onFailureRetries());
    putIfPresent(restart, "onFailureRetryInterval", policy.onFailureRetryInterval());
    putIfPresent(restart, "onSubmissionFailureRetries", policy.onSubmissionFailureRetries());
    putIfPresent(
        restart, "onSubmissionFailureRetryInterval", policy.onSubmissionFailureRetryInterval());
    return restart;
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
