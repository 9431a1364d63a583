package io.sparkrelay.simulator.kubelet;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a kubelet would do with one container of a Deployment's pod template, as {@code podman run}
 * options: the user and group, a read-only root, dropped capabilities, no privilege escalation,
 * emptyDir volumes as size-limited tmpfs, the memory limit and the CPU request (as CPU shares, the
 * way the kubelet maps a request onto cgroups), and the readiness probe for the caller to run.
 * Anything of the pod template it cannot honour is refused, so the local stack never runs a
 * container looser than the chart asks. ConfigMap and Secret volumes are left out: the local stack
 * gives its services their settings and files itself.
 */
public final class PodmanRun {

  /** The readiness probe of the container, as the kubelet would run it against localhost. */
  public record HttpProbe(
      String path, int periodSeconds, int timeoutSeconds, int failureThreshold) {}

  private final String image;
  private final List<String> options;
  private final HttpProbe readiness;

  private PodmanRun(String image, List<String> options, HttpProbe readiness) {
    this.image = image;
    this.options = List.copyOf(options);
    this.readiness = readiness;
  }

  public String image() {
    return image;
  }

  public List<String> options() {
    return options;
  }

  public HttpProbe readiness() {
    return readiness;
  }

  /** The run of {@code deployment}'s container named {@code containerName}. */
  public static PodmanRun of(Deployment deployment, String containerName) {
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container =
        pod.getContainers().stream()
            .filter(c -> c.getName().equals(containerName))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "no container '" + containerName + "' in " + name(deployment)));
    PodSecurityContext podSecurity =
        Objects.requireNonNullElseGet(pod.getSecurityContext(), PodSecurityContext::new);
    SecurityContext security =
        Objects.requireNonNullElseGet(container.getSecurityContext(), SecurityContext::new);
    List<String> options = new ArrayList<>();

    Long user = first(security.getRunAsUser(), podSecurity.getRunAsUser());
    Long group = first(security.getRunAsGroup(), podSecurity.getRunAsGroup());
    if (user == null || user == 0) {
      throw refused(deployment, "it names no non-root runAsUser");
    }
    options.add("--user=" + user + (group == null ? "" : ":" + group));
    if (Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
      options.add("--read-only");
    }
    Capabilities capabilities = security.getCapabilities();
    if (capabilities != null) {
      capabilities.getDrop().forEach(drop -> options.add("--cap-drop=" + drop));
      if (!capabilities.getAdd().isEmpty()) {
        throw refused(deployment, "it adds capabilities " + capabilities.getAdd());
      }
    }
    if (Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
      options.add("--security-opt=no-new-privileges");
    }
    String seccomp =
        Optional.ofNullable(security.getSeccompProfile())
            .or(() -> Optional.ofNullable(podSecurity.getSeccompProfile()))
            .map(profile -> profile.getType())
            .orElse("Unconfined");
    if (!seccomp.equals("RuntimeDefault")) {
      throw refused(deployment, "seccomp profile " + seccomp + " is not RuntimeDefault");
    }
    // podman applies its default seccomp filter unless told otherwise: RuntimeDefault
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume =
          pod.getVolumes().stream()
              .filter(v -> v.getName().equals(mount.getName()))
              .findFirst()
              .orElseThrow(() -> refused(deployment, "volume " + mount.getName() + " is missing"));
      if (volume.getConfigMap() != null || volume.getSecret() != null) {
        continue; // the local stack hands its services their files itself
      }
      if (volume.getEmptyDir() == null) {
        throw refused(deployment, "volume " + mount.getName() + " is not an emptyDir");
      }
      Quantity size = volume.getEmptyDir().getSizeLimit();
      options.add(
          "--tmpfs="
              + mount.getMountPath()
              + ":rw,nosuid,nodev,mode=1777"
              + (size == null ? "" : ",size=" + bytes(size)));
    }
    var resources = container.getResources();
    Quantity memoryLimit = resources == null ? null : resources.getLimits().get("memory");
    if (memoryLimit != null) {
      options.add("--memory=" + bytes(memoryLimit));
    }
    Quantity cpuRequest = resources == null ? null : resources.getRequests().get("cpu");
    if (cpuRequest != null) {
      // the kubelet's mapping: 1 CPU = 1024 shares, at least 2
      long shares =
          Quantity.getAmountInBytes(cpuRequest).multiply(BigDecimal.valueOf(1024)).longValue();
      options.add("--cpu-shares=" + Math.max(2, shares));
    }
    Quantity cpuLimit = resources == null ? null : resources.getLimits().get("cpu");
    if (cpuLimit != null) {
      options.add("--cpus=" + Quantity.getAmountInBytes(cpuLimit).toPlainString());
    }
    return new PodmanRun(container.getImage(), options, readiness(deployment, container));
  }

  private static HttpProbe readiness(Deployment deployment, Container container) {
    Probe probe = container.getReadinessProbe();
    if (probe == null || probe.getHttpGet() == null) {
      throw refused(deployment, "it has no httpGet readiness probe");
    }
    HTTPGetAction get = probe.getHttpGet();
    return new HttpProbe(
        get.getPath(),
        first(probe.getPeriodSeconds(), 10),
        first(probe.getTimeoutSeconds(), 1),
        first(probe.getFailureThreshold(), 3));
  }

  private static long bytes(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity).longValueExact();
  }

  private static <T> T first(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String name(Deployment deployment) {
    return "Deployment " + deployment.getMetadata().getName();
  }

  private static IllegalArgumentException refused(Deployment deployment, String why) {
    return new IllegalArgumentException(name(deployment) + " cannot run as the chart says: " + why);
  }
}
