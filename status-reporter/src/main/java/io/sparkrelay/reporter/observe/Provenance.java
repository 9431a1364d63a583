package io.sparkrelay.reporter.observe;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.sparkrelay.contract.CustomResources;
import io.sparkrelay.contract.RelayLabels;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an object may speak for a run. The run-id label alone proves nothing: anyone who can
 * create a pod (or a Workflow) in a watched namespace can put it on. So a Workflow or a
 * SparkApplication counts only when it carries {@code app.kubernetes.io/managed-by: spark-relay}
 * (the launcher and the submitter set it, and only they create those kinds there), and a pod only
 * when its owner chain leads to such a SparkApplication of the same run, as Spark and the Spark
 * Operator build it: the driver pod's owner reference names the SparkApplication, an executor pod's
 * names the driver pod. Owners are looked up in the informer caches and must match by UID, so a
 * reference to a name alone does not do.
 */
public final class Provenance {

  private Provenance() {}

  /** Finds an object by namespace and name (an informer cache); null when it is not known. */
  @FunctionalInterface
  public interface Lookup<T extends HasMetadata> {
    T get(String namespace, String name);
  }

  /** Whether the object says Spark Relay made it ({@code app.kubernetes.io/managed-by}). */
  public static boolean managedByRelay(HasMetadata object) {
    return RelayLabels.MANAGED_BY_VALUE.equals(label(object, RelayLabels.MANAGED_BY));
  }

  /**
   * Whether {@code pod} is the driver or an executor of a Spark Relay SparkApplication of the run
   * its label names.
   */
  public static boolean isPodOfRelayApplication(
      HasMetadata pod,
      Lookup<? extends HasMetadata> applications,
      Lookup<? extends HasMetadata> pods) {
    String role = label(pod, RelayLabels.SPARK_ROLE);
    if ("driver".equals(role)) {
      return isRelayDriver(pod, applications);
    }
    if ("executor".equals(role)) {
      HasMetadata driver = owner(pod, "", "Pod", pods).orElse(null);
      return driver != null
          && "driver".equals(label(driver, RelayLabels.SPARK_ROLE))
          && sameRun(pod, driver)
          && isRelayDriver(driver, applications);
    }
    return false;
  }

  private static boolean isRelayDriver(
      HasMetadata driver, Lookup<? extends HasMetadata> applications) {
    HasMetadata application =
        owner(
                driver,
                CustomResources.SPARK_APPLICATION.group(),
                CustomResources.SPARK_APPLICATION.kind(),
                applications)
            .orElse(null);
    return application != null && managedByRelay(application) && sameRun(driver, application);
  }

  private static boolean sameRun(HasMetadata a, HasMetadata b) {
    String runId = label(a, RelayLabels.RUN_ID);
    return runId != null && !runId.isBlank() && runId.equals(label(b, RelayLabels.RUN_ID));
  }

  /**
   * The object an owner reference of {@code object} of that group and kind names, found in {@code
   * lookup} in the object's namespace and with the UID the reference gives.
   */
  private static <T extends HasMetadata> Optional<T> owner(
      HasMetadata object, String group, String kind, Lookup<? extends T> lookup) {
    List<OwnerReference> references = object.getMetadata().getOwnerReferences();
    if (references == null) {
      return Optional.empty();
    }
    for (OwnerReference reference : references) {
      if (!kind.equals(reference.getKind())
          || !group.equals(groupOf(reference.getApiVersion()))
          || reference.getName() == null
          || reference.getUid() == null) {
        continue;
      }
      T found = lookup.get(object.getMetadata().getNamespace(), reference.getName());
      if (found != null && Objects.equals(reference.getUid(), found.getMetadata().getUid())) {
        return Optional.of(found);
      }
    }
    return Optional.empty();
  }

  /** "sparkoperator.k8s.io/v1beta2" -> "sparkoperator.k8s.io"; "v1" (the core group) -> "". */
  private static String groupOf(String apiVersion) {
    if (apiVersion == null) {
      return null;
    }
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static String label(HasMetadata object, String key) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
