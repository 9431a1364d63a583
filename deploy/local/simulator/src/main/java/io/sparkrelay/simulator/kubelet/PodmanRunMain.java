package io.sparkrelay.simulator.kubelet;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints how {@code run.sh --containers} runs a service: the podman options of its container in the
 * chart's Deployments, one per line, then its image and its readiness probe.
 *
 * <pre>
 * java -cp spark-relay-simulator.jar io.sparkrelay.simulator.kubelet.PodmanRunMain \
 *   deploy/local/containers/deployments.yaml sqs-bridge
 * </pre>
 *
 * Output: {@code option --read-only} (one line each), {@code image ghcr.io/...}, {@code readiness
 * /q/health/ready 5 3 3} (path, period, timeout, failure threshold).
 */
public final class PodmanRunMain {

  private PodmanRunMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: PodmanRunMain DEPLOYMENTS_YAML COMPONENT");
      System.exit(2);
    }
    PodmanRun run = PodmanRun.of(deployment(Path.of(args[0]), args[1]), args[1]);
    run.options().forEach(option -> System.out.println("option " + option));
    System.out.println("image " + run.image());
    PodmanRun.HttpProbe probe = run.readiness();
    System.out.printf(
        "readiness %s %d %d %d%n",
        probe.path(), probe.periodSeconds(), probe.timeoutSeconds(), probe.failureThreshold());
  }

  /** The Deployment whose component label is {@code component}. */
  static Deployment deployment(Path file, String component) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Object parsed = Serialization.unmarshal(in);
      List<?> objects = parsed instanceof List<?> list ? list : List.of(parsed);
      return objects.stream()
          .filter(Deployment.class::isInstance)
          .map(Deployment.class::cast)
          .filter(d -> component.equals(label(d, "app.kubernetes.io/component")))
          .findFirst()
          .orElseThrow(
              () -> new IllegalArgumentException("no Deployment of " + component + " in " + file));
    }
  }

  private static String label(HasMetadata object, String key) {
    var labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
