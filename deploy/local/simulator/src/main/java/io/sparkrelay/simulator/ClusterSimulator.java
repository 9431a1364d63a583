package io.sparkrelay.simulator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sparkrelay.simulator.argo.ArgoControllerSimulator;
import io.sparkrelay.simulator.kube.KubeClients;
import io.sparkrelay.simulator.kube.SharedPods;
import io.sparkrelay.simulator.kube.SimulatedIdentities;
import io.sparkrelay.simulator.kubelet.KubeletSimulator;
import io.sparkrelay.simulator.spark.SparkOperatorSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A SIMULATOR of three cluster controllers, for the local chain and the end-to-end tests only; no
 * production code uses it. Against a Kubernetes API (the mock API server of {@link
 * KubernetesApiServerMain}) it stands in for:
 *
 * <ul>
 *   <li>Argo's workflow controller ({@link ArgoControllerSimulator}): runs each new Workflow's DAG
 *       from its WorkflowTemplate, sends http steps for real, evaluates resource steps' conditions
 *       against live objects, writes phase and nodes;
 *   <li>the Spark Operator ({@link SparkOperatorSimulator}): SparkApplication states, driver and
 *       executor pods;
 *   <li>the kubelet ({@link KubeletSimulator}): pod phases and container states, with failures
 *       asked for by the label {@code spark-relay.io/scenario}.
 * </ul>
 *
 * <pre>
 * java -jar spark-relay-simulator.jar --api-server http://127.0.0.1:8085 \
 *   --service-alias spark-submitter.spark-relay.svc:8080=127.0.0.1:8092 --step-delay-ms 300
 * </pre>
 */
public final class ClusterSimulator implements AutoCloseable {

  private final ArgoControllerSimulator argo;
  private final SparkOperatorSimulator sparkOperator;
  private final KubeletSimulator kubelet;
  private final SharedPods sharedPods;

  public ClusterSimulator(KubernetesClient client, SimulatorSettings settings) {
    this(SimulatedIdentities.allAs(client), settings);
  }

  /**
   * Each simulated part calls as its own identity. The pod informer the parts share (one watch
   * instead of three) runs as the Argo controller, which may watch pods everywhere.
   */
  public ClusterSimulator(SimulatedIdentities identities, SimulatorSettings settings) {
    this.sharedPods = new SharedPods(identities.argoController());
    this.argo =
        new ArgoControllerSimulator(
            identities.argoController(), identities.argoExecutor(), settings, sharedPods);
    this.sparkOperator =
        new SparkOperatorSimulator(
            identities.sparkOperator(), identities.kubelet(), settings, sharedPods);
    this.kubelet = new KubeletSimulator(identities.kubelet(), settings, sharedPods);
  }

  /** Starts the three simulated controllers; they watch every namespace. */
  public ClusterSimulator start() {
    kubelet.start();
    sharedPods.start();
    sparkOperator.start();
    argo.start();
    return this;
  }

  @Override
  public void close() {
    argo.close();
    sparkOperator.close();
    kubelet.close();
    sharedPods.close();
  }

  public static void main(String[] args) throws Exception {
    CommandLine cli = new CommandLine(args);
    if (cli.has("help")) {
      System.out.println(
          """
          ClusterSimulator: SIMULATES Argo's workflow controller, the Spark Operator and the kubelet
          against a Kubernetes API (for the local chain and tests only).
            --api-server URL          API server (default: the content of --api-url-file, or http://127.0.0.1:8085)
            --api-url-file FILE       file holding the API server URL (written by KubernetesApiServerMain)
            --service-alias H[:P]=A   send http steps for in-cluster host H[:P] to local address A (repeatable);
                                      A may be several, comma separated (A1,A2): taken in turn, and one
                                      refusing the connection is passed over for the next
            --step-delay-ms N         reaction time of each simulated controller (default 300)
            --container-step-ms N     run time of an Argo container step (default 300)
            --driver-run-ms N         run time of a Spark driver (default 1500)
            --image-pull-backoff-ms N time in ErrImagePull before ImagePullBackOff (default 1000)
            --resource-timeout-s N    how long a resource step waits for its condition (default 600)
            --ignore-retry-after      retry http steps on the template's backoff only, as Argo does
            --token-file FILE         bearer tokens, one "role token" per line for the roles
                                      argo-controller, argo-executor, spark-operator, kubelet
            --ready-file FILE         written once the informers run
          """);
      return;
    }
    String apiServer =
        cli.value("api-server")
            .orElseGet(
                () ->
                    cli.value("api-url-file")
                        .map(ClusterSimulator::readUrl)
                        .orElse("http://127.0.0.1:8085"));
    SimulatorSettings defaults = SimulatorSettings.defaults();
    Map<String, String> aliases = new LinkedHashMap<>();
    for (String alias : cli.values("service-alias")) {
      int equals = alias.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException(
            "--service-alias wants host[:port]=address, got " + alias);
      }
      aliases.put(alias.substring(0, equals), alias.substring(equals + 1));
    }
    SimulatorSettings settings =
        new SimulatorSettings(
            Duration.ofMillis(cli.number("step-delay-ms", defaults.stepDelay().toMillis())),
            Duration.ofMillis(
                cli.number("container-step-ms", defaults.containerStepDuration().toMillis())),
            Duration.ofMillis(cli.number("driver-run-ms", defaults.driverRunDuration().toMillis())),
            Duration.ofMillis(
                cli.number("image-pull-backoff-ms", defaults.imagePullBackOff().toMillis())),
            Duration.ofSeconds(
                cli.number("resource-timeout-s", defaults.resourceTimeout().toSeconds())),
            Map.copyOf(aliases),
            !cli.has("ignore-retry-after"));
    SimulatedIdentities identities =
        cli.value("token-file")
            .map(file -> SimulatedIdentities.fromTokenFile(apiServer, Path.of(file)))
            .orElseGet(() -> SimulatedIdentities.allAs(KubeClients.forUrl(apiServer)));
    ClusterSimulator simulator = new ClusterSimulator(identities, settings).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  identities.close();
                  stopped.countDown();
                },
                "simulator-shutdown"));
    if (cli.value("ready-file").isPresent()) {
      Files.writeString(Path.of(cli.value("ready-file").get()), apiServer + System.lineSeparator());
    }
    System.out.println(
        "Cluster SIMULATOR (Argo controller, Spark Operator, kubelet) watching "
            + apiServer
            + " with "
            + settings);
    stopped.await();
  }

  private static String readUrl(String file) {
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
