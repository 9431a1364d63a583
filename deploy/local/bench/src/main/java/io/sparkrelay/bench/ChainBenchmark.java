package io.sparkrelay.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Measures the whole local chain started by deploy/local/run.sh: latency at a steady rate,
 * throughput of a pre-loaded queue, and each service's footprint. Prints one table, writes JSON.
 *
 * <p>Arguments: run dir (with its {@code ready} file), JSON output path, throughput messages,
 * latency rate per second, latency seconds.
 */
public final class ChainBenchmark {

  private static final List<String> SERVICES =
      List.of("sqs-bridge", "workflow-launcher", "spark-submitter", "status-reporter");
  private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Map<String, String> ready;
  private final Path runDir;
  private final List<String[]> rows = new ArrayList<>();

  private ChainBenchmark(Path runDir) throws Exception {
    this.runDir = runDir;
    this.ready = new LinkedHashMap<>();
    for (String line : Files.readAllLines(runDir.resolve("ready"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        ready.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
  }

  public static void main(String[] args) throws Exception {
    ChainBenchmark bench = new ChainBenchmark(Path.of(args[0]));
    int messages = Integer.parseInt(args[2]);
    int rate = Integer.parseInt(args[3]);
    int seconds = Integer.parseInt(args[4]);
    try (SqsClient sqs = sqs(bench.ready.get("SQS_ENDPOINT"))) {
      bench.footprint("idle");
      bench.readyTimes();
      bench.latency(sqs, rate, seconds);
      bench.throughput(sqs, messages);
      bench.footprint("after load");
    }
    bench.rows.add(
        new String[] {
          "kubernetes API calls per run",
          "not measured",
          "",
          "the mock API server runs in another process and keeps no request log"
        });
    bench.print(Path.of(args[1]));
  }

  private void latency(SqsClient sqs, int rate, int seconds) throws Exception {
    String queueUrl = ready.get("QUEUE_URL");
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Map<String, Long> visible = new ConcurrentHashMap<>();
    Map<String, Long> completed = new ConcurrentHashMap<>();
    try (KubernetesClient kube = kubernetes(ready.get("KUBERNETES_API"));
        Connection nats = Nats.connect(ready.get("NATS_URL"));
        Watch watch = watchWorkflows(kube, visible)) {
      Dispatcher dispatcher =
          nats.createDispatcher(
              msg -> {
                Matcher m = RUN_ID.matcher(new String(msg.getData(), StandardCharsets.UTF_8));
                if (m.find()) {
                  completed.putIfAbsent(m.group(1), System.nanoTime());
                }
              });
      dispatcher.subscribe("relay.runs.completed");
      dispatcher.subscribe("relay.runs.failed");
      int total = rate * seconds;
      long intervalNanos = 1_000_000_000L / rate;
      long start = System.nanoTime();
      for (int i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        long t0 = System.nanoTime();
        String body = "{\"job\":\"pi\",\"n\":" + i + "}";
        String id = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
        sent.put(id, t0);
      }
      Instant deadline = Instant.now().plusSeconds(90);
      while (completed.size() < total && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }
      List<Long> toWorkflow = deltas(sent, visible);
      List<Long> toCompleted = deltas(sent, completed);
      String note = rate + " msg/s for " + seconds + " s, " + total + " sent";
      rows.add(percentileRow("latency SQS send -> Workflow ADDED", toWorkflow, total, note));
      rows.add(percentileRow("latency SQS send -> run ended", toCompleted, total, note));
    }
  }

  private void throughput(SqsClient sqs, int messages) throws Exception {
    String queueUrl = ready.get("QUEUE_URL");
    ProcessHandle bridge = servicePid("sqs-bridge").orElseThrow();
    double before = createdTotal();
    // Freeze the bridge so the whole backlog is in the queue before the clock starts.
    signal(bridge, "STOP");
    try {
      SqsLoad.preload(sqs, queueUrl, messages, 8);
    } finally {
      signal(bridge, "CONT");
    }
    long start = System.nanoTime();
    double target = before + messages;
    Instant deadline = Instant.now().plusSeconds(240);
    while (createdTotal() < target && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double created = createdTotal() - before;
    rows.add(
        new String[] {
          "throughput SQS backlog -> Workflows",
          String.format("%.0f", created / seconds),
          "events/s",
          String.format(
              "%.0f of %d pre-loaded Workflows created in %.1f s (launcher metric)",
              created, messages, seconds)
        });
  }

  private void footprint(String phase) throws Exception {
    for (String service : SERVICES) {
      ProcessHandle pid = servicePid(service).orElseThrow();
      rows.add(new String[] {"RSS " + service + " (" + phase + ")", rssMb(pid.pid()), "MB", ""});
    }
  }

  private void readyTimes() throws Exception {
    for (String service : SERVICES) {
      String log = Files.readString(runDir.resolve("logs").resolve(service + ".log"));
      Matcher m = STARTED_IN.matcher(log);
      rows.add(
          new String[] {
            "start -> ready " + service,
            m.find() ? m.group(1) : "?",
            "s",
            "Quarkus' own 'started in'"
          });
    }
  }

  private static Watch watchWorkflows(KubernetesClient kube, Map<String, Long> visible) {
    return kube.genericKubernetesResources("argoproj.io/v1alpha1", "Workflow")
        .inAnyNamespace()
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, GenericKubernetesResource workflow) {
                if (action == Action.ADDED) {
                  Map<String, String> labels = workflow.getMetadata().getLabels();
                  String runId = labels == null ? null : labels.get("spark-relay.io/run-id");
                  if (runId != null) {
                    visible.putIfAbsent(runId, System.nanoTime());
                  }
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private static List<Long> deltas(Map<String, Long> from, Map<String, Long> to) {
    List<Long> out = new ArrayList<>();
    from.forEach(
        (id, t0) -> {
          Long t1 = to.get(id);
          if (t1 != null) {
            out.add(t1 - t0);
          }
        });
    out.sort(null);
    return out;
  }

  private static String[] percentileRow(String label, List<Long> sorted, int total, String note) {
    if (sorted.isEmpty()) {
      return new String[] {label, "none seen", "", note};
    }
    return new String[] {
      label,
      String.format("p50 %.1f / p99 %.1f", ms(sorted, 0.50), ms(sorted, 0.99)),
      "ms",
      note + ", " + sorted.size() + " seen"
    };
  }

  private static double ms(List<Long> sorted, double q) {
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }

  private double createdTotal() throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(ready.get("LAUNCHER_URL") + "/q/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    double sum = 0;
    for (String line : body.split("\n")) {
      if (line.startsWith("relay_launcher_workflows_created_total")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static Optional<ProcessHandle> servicePid(String service) {
    String jar = service + "/target/quarkus-app/quarkus-run.jar";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(jar)).orElse(false))
        .findFirst();
  }

  private static void signal(ProcessHandle process, String signal) throws Exception {
    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  private static String rssMb(long pid) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
        return Long.toString(kb / 1024);
      }
    }
    return "?";
  }

  private static SqsClient sqs(String endpoint) {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .build();
  }

  private static KubernetesClient kubernetes(String url) {
    Config config =
        new ConfigBuilder()
            .withMasterUrl(url)
            .withTrustCerts(true)
            .withOauthToken("local")
            .withRequestTimeout((int) Duration.ofSeconds(30).toMillis())
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private void print(Path json) throws Exception {
    StringBuilder table = new StringBuilder();
    StringBuilder out = new StringBuilder("[\n");
    table.append(String.format("%-44s | %-24s | %-8s | %s%n", "measure", "value", "unit", "note"));
    for (int i = 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      table.append(String.format("%-44s | %-24s | %-8s | %s%n", (Object[]) r));
      out.append(
          String.format(
              "  {\"measure\": \"%s\", \"value\": \"%s\", \"unit\": \"%s\", \"note\": \"%s\"}%s%n",
              r[0], r[1], r[2], r[3], i < rows.size() - 1 ? "," : ""));
    }
    out.append("]\n");
    System.out.print(table);
    Files.writeString(json, out);
  }
}
