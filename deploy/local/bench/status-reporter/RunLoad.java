import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load for the status-reporter: N runs, each a Workflow, a SparkApplication and a driver pod
 * created and moved to their end state in the API server (7 writes a run), by C callers. Prints
 * how long the API writes took and how long until the reporter listed every run COMPLETED.
 * Usage: java -cp CLASSPATH RunLoad.java API_URL REPORTER_URL RUNS CALLERS [live|write|catch-up]
 *
 * <p>{@code live} (default): writes while the reporter watches, then waits for it. {@code write}:
 * only writes (the reporter is not running yet). {@code catch-up}: only waits, from now, until the
 * reporter lists RUNS more completed runs than at the first look (0 when it was just started).
 */
public class RunLoad {

  static final ResourceDefinitionContext WORKFLOWS =
      new ResourceDefinitionContext.Builder().withGroup("argoproj.io").withVersion("v1alpha1")
          .withKind("Workflow").withPlural("workflows").withNamespaced(true).build();
  static final ResourceDefinitionContext APPS =
      new ResourceDefinitionContext.Builder().withGroup("sparkoperator.k8s.io")
          .withVersion("v1beta2").withKind("SparkApplication").withPlural("sparkapplications")
          .withNamespaced(true).build();

  public static void main(String[] args) throws Exception {
    run(args);
    // the Kubernetes client leaves non-daemon threads behind
    System.exit(0);
  }

  static void run(String[] args) throws Exception {
    String api = args[0];
    String reporter = args[1];
    int runs = Integer.parseInt(args[2]);
    int callers = Integer.parseInt(args[3]);
    String mode = args.length > 4 ? args[4] : "live";
    if (mode.equals("catch-up")) {
      long start = System.nanoTime();
      awaitCompleted(reporter, 0, runs, start);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%d runs already in the cluster listed COMPLETED %.2f s after the reporter's launch"
              + " (JVM start included; %.0f runs/s, %.0f objects/s)%n",
          runs, seconds, runs / seconds, runs * 3 / seconds);
      return;
    }
    Config config = new ConfigBuilder().withMasterUrl(api).withTrustCerts(true)
        .withOauthToken("bench").withNamespace("default").build();
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      int before = mode.equals("write") ? 0 : completed(reporter);
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      long start = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        done.add(pool.submit(() -> oneRun(client, UUID.randomUUID().toString())));
      }
      for (Future<?> f : done) {
        f.get();
      }
      long written = System.nanoTime();
      pool.shutdown();
      if (mode.equals("write")) {
        System.out.printf("%d runs (%d API writes) in %.2f s%n", runs, runs * 7,
            (written - start) / 1e9);
        return;
      }
      awaitCompleted(reporter, before, runs, written);
      long end = System.nanoTime();
      double writeSeconds = (written - start) / 1e9;
      double totalSeconds = (end - start) / 1e9;
      System.out.printf(
          "%d runs (%d API writes) in %.2f s; all COMPLETED in the reporter after %.2f s"
              + " (%.0f runs/s, %.0f object updates/s end to end; lag after last write %.2f s)%n",
          runs, runs * 7, writeSeconds, totalSeconds, runs / totalSeconds,
          runs * 7 / totalSeconds, (end - written) / 1e9);
    }
  }

  static void awaitCompleted(String reporter, int before, int runs, long since) throws Exception {
    long left = 300_000_000_000L - (System.nanoTime() - since);
    org.awaitility.Awaitility.await("reporter sees all " + runs + " runs COMPLETED")
        .atMost(java.time.Duration.ofNanos(Math.max(left, 1)))
        .pollInterval(java.time.Duration.ofMillis(50))
        .until(() -> completed(reporter) >= before + runs);
  }

  static void oneRun(KubernetesClient client, String runId) {
    String wf = "bench-" + runId.substring(0, 13);
    // managed-by and the driver's owner reference: the reporter takes facts only from what Spark Relay made
    Map<String, String> labels = Map.of("spark-relay.io/run-id", runId,
        "spark-relay.io/trigger", "bench", "spark-relay.io/workflow", wf,
        "app.kubernetes.io/managed-by", "spark-relay");
    Instant t0 = Instant.now();
    var workflows = client.genericKubernetesResources(WORKFLOWS).inNamespace("default");
    workflows.resource(resource("argoproj.io/v1alpha1", "Workflow", wf, labels)).create();
    var apps = client.genericKubernetesResources(APPS).inNamespace("spark-team-a");
    GenericKubernetesResource app = apps.resource(resource("sparkoperator.k8s.io/v1beta2",
        "SparkApplication", wf + "-spark", labels)).create();
    var pods = client.pods().inNamespace("spark-team-a");
    pods.resource(new PodBuilder().withNewMetadata().withName(wf + "-driver")
        .withNamespace("spark-team-a").addToLabels(labels).addToLabels("spark-role", "driver")
        .addToLabels("sparkoperator.k8s.io/app-name", wf + "-spark")
        .addNewOwnerReference().withApiVersion("sparkoperator.k8s.io/v1beta2")
        .withKind("SparkApplication").withName(wf + "-spark")
        .withUid(app.getMetadata().getUid()).withController(true).endOwnerReference()
        .endMetadata().build())
        .create();
    pods.withName(wf + "-driver").editStatus(p -> {
      p.setStatus(new PodStatusBuilder().withPhase("Succeeded").addNewContainerStatus()
          .withName("spark-kubernetes-driver").withNewState().withNewTerminated()
          .withExitCode(0).withReason("Completed").withStartedAt(t0.plusSeconds(2).toString())
          .withFinishedAt(t0.plusSeconds(9).toString()).endTerminated().endState()
          .endContainerStatus().build());
      return p;
    });
    apps.withName(wf + "-spark").editStatus(a -> {
      a.setAdditionalProperty("status", Map.of("applicationState", Map.of("state", "COMPLETED"),
          "terminationTime", t0.plusSeconds(10).toString()));
      return a;
    });
    // the Workflow CRD has no status subresource: its status is written with the object
    workflows.withName(wf).edit(w -> {
      w.setAdditionalProperty("status", Map.of("phase", "Succeeded",
          "finishedAt", t0.plusSeconds(11).toString()));
      return w;
    });
  }

  static GenericKubernetesResource resource(String apiVersion, String kind, String name,
      Map<String, String> labels) {
    return new GenericKubernetesResourceBuilder().withApiVersion(apiVersion).withKind(kind)
        .withNewMetadata().withName(name).addToLabels(labels).endMetadata().build();
  }

  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");

  /** Completed bench runs the reporter lists; 0 while it is not answering yet. */
  static int completed(String reporter) throws Exception {
    String body;
    try {
      body = HTTP.send(HttpRequest.newBuilder(URI.create(
        reporter + "/api/v1/runs?state=COMPLETED&trigger=bench&size=1")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    } catch (java.io.IOException e) {
      return 0;
    }
    Matcher m = TOTAL.matcher(body);
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }
}
