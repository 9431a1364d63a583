import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.sparkrelay.standin.KubernetesApiStandIn;
import io.sparkrelay.testkit.MetricsProbe;
import io.sparkrelay.testkit.NatsServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Throughput of the packaged launcher: N events pre-loaded into RELAY_EVENTS, the launcher started
 * as its own process against a real nats-server and the fabric8 CRUD mock API server, timed from
 * its first delivery to the ack of the last event. Prints events/s, create latency p50/p99 (from
 * the launcher's own histogram) and the launcher's CPU time. Not a test: run it with
 * deploy/local/bench/workflow-launcher/run.sh.
 *
 * <p>Arguments: {@code <quarkus-run.jar> [events] [workers] [crud|answer]}. With {@code crud} the
 * stand-in stores every Workflow (its store scans all objects on each create, so its latency grows
 * with the count); with {@code answer} it answers every create 201 at once without storing, which
 * leaves the launcher's own cost. Extra JVM options for the launcher: env BENCH_LAUNCHER_OPTS.
 *
 * <p>A single-file program on the launcher's test classpath (the test kit's nats-server, the
 * Kubernetes API stand-in, jnats, CloudEvents), which run.sh builds: {@code java -cp CLASSPATH
 * LauncherBenchmark.java <quarkus-run.jar> [events] [workers] [crud|answer]}.
 */
public final class LauncherBenchmark {

  private static final String SUBJECT = "relay.events.sqs.spark-jobs";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  public static void main(String[] args) throws Exception {
    Path jar = Path.of(args[0]);
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    String workers = args.length > 2 ? args[2] : "64";
    boolean store = args.length <= 3 || args[3].equals("crud");

    try (NatsServerProcess nats = NatsServerProcess.started();
        KubernetesApiStandIn api = KubernetesApiStandIn.start(0);
        Connection connection = Nats.connect(nats.url())) {
      if (!store) {
        api.answerWorkflowCreatesWithoutStoring("default");
      }
      preload(connection, events);
      System.out.printf("pre-loaded %d events into RELAY_EVENTS%n", events);

      int httpPort = freePort();
      Process launcher = startLauncher(jar, nats.url(), api.url(), httpPort, workers);
      try {
        Timing timing = awaitAllAcked(connection, events, launcher);
        double seconds = timing.nanos() / 1e9;
        String metrics = get("http://127.0.0.1:" + httpPort + "/q/metrics");
        long created = (long) sum(metrics, "relay_launcher_workflows_created_total");
        int stored =
            api.server().getRequestCount(); // every request the stand-in answered, for the record
        System.out.printf(
            "API stand-in: %s; events: %d, Workflows created: %d (API requests: %d)%n",
            store ? "CRUD store" : "answers 201 without storing", events, created, stored);
        System.out.printf("throughput: %.0f events/s over %.2f s%n", events / seconds, seconds);
        System.out.printf(
            "create latency: p50 %.1f ms, p99 %.1f ms, mean %.1f ms%n",
            quantile(metrics, 0.50) * 1000,
            quantile(metrics, 0.99) * 1000,
            sum(metrics, "relay_launcher_create_latency_seconds_sum")
                / sum(metrics, "relay_launcher_create_latency_seconds_count")
                * 1000);
        System.out.printf(
            "launcher CPU: %.1f s during the run (%.2f ms per event), workers %s, %d cores%n",
            timing.cpuSeconds(),
            timing.cpuSeconds() * 1000 / events,
            workers,
            Runtime.getRuntime().availableProcessors());
      } finally {
        launcher.destroy();
        launcher.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void preload(Connection connection, int events) throws Exception {
    JetStreamManagement jsm = connection.jetStreamManagement();
    jsm.addStream(
        StreamConfiguration.builder()
            .name("RELAY_EVENTS")
            .subjects("relay.events.>")
            .storageType(StorageType.File)
            .duplicateWindow(Duration.ofMinutes(2))
            .build());
    JetStream js = connection.jetStream();
    JsonFormat format = new JsonFormat();
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      String runId = UUID.randomUUID().toString();
      byte[] body =
          format.serialize(
              CloudEventBuilder.v1()
                  .withId(runId)
                  .withSource(URI.create("arn:aws:sqs:us-east-1:000000000000:spark-jobs"))
                  .withType("io.spark-relay.sqs.message")
                  .withTime(OffsetDateTime.now())
                  .withDataContentType("application/json")
                  .withData(
                      ("{\"job\":\"taxi-trip\",\"input\":\"s3://bench-in/"
                              + i
                              + "/\",\"output\":\"s3://bench-out/"
                              + i
                              + "/\",\"executors\":2}")
                          .getBytes(StandardCharsets.UTF_8))
                  .build());
      acks.add(js.publishAsync(SUBJECT, body, PublishOptions.builder().messageId(runId).build()));
      if (acks.size() >= 5_000) {
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
        acks.clear();
      }
    }
    CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get();
  }

  private static Process startLauncher(
      Path jar, String natsUrl, String apiUrl, int httpPort, String workers) throws IOException {
    Path log = Files.createTempFile("launcher-bench-", ".log");
    System.out.println("launcher log: " + log);
    ProcessBuilder builder =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                System.getenv().getOrDefault("BENCH_LAUNCHER_OPTS", "-Dbench=true"),
                "-jar",
                jar.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
    env.put("RELAY_NATS_URL", natsUrl);
    env.put("RELAY_WORKFLOWS_DEFAULT_NAMESPACE", "default");
    env.put("RELAY_CONSUMER_WORKERS", workers);
    env.put("RELAY_LIMITS_CREATES_PER_SECOND", "0");
    env.put("RELAY_LIMITS_MAX_UNFINISHED_WORKFLOWS", "0");
    env.put("QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL", apiUrl);
    env.put("QUARKUS_KUBERNETES_CLIENT_TOKEN", "bench");
    env.put("QUARKUS_KUBERNETES_CLIENT_TRUST_CERTS", "true");
    env.put("QUARKUS_KUBERNETES_CLIENT_NAMESPACE", "default");
    env.put("QUARKUS_LOG_LEVEL", "WARN");
    env.put("QUARKUS_LOG_CATEGORY__IO_FABRIC8_MOCKWEBSERVER__LEVEL", "WARN");
    return builder.start();
  }

  record Timing(long nanos, double cpuSeconds) {}

  /** From the first delivery to the ack of the last event, polling the consumer every 20 ms. */
  private static Timing awaitAllAcked(Connection connection, int events, Process launcher)
      throws Exception {
    JetStreamManagement jsm = connection.jetStreamManagement();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    long start = 0;
    double cpuAtStart = 0;
    while (System.nanoTime() < deadline) {
      if (!launcher.isAlive()) {
        throw new IllegalStateException("the launcher exited with " + launcher.exitValue());
      }
      ConsumerInfo info;
      try {
        info = jsm.getConsumerInfo("RELAY_EVENTS", "workflow-launcher");
      } catch (Exception notYet) {
        TimeUnit.MILLISECONDS.sleep(20);
        continue;
      }
      if (start == 0 && info.getDelivered().getStreamSequence() > 0) {
        start = System.nanoTime();
        cpuAtStart = cpuSeconds(launcher);
      }
      if (info.getAckFloor().getStreamSequence() >= events) {
        return new Timing(System.nanoTime() - start, cpuSeconds(launcher) - cpuAtStart);
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
    throw new IllegalStateException("not every event was acked within 10 minutes");
  }

  /** User plus system CPU time of a process, from /proc (Linux). */
  private static double cpuSeconds(Process process) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  private static String get(String url) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static double sum(String metrics, String name) {
    return MetricsProbe.sum(metrics, name);
  }

  /** The upper bound of the histogram bucket holding quantile {@code q}. */
  private static double quantile(String metrics, double q) {
    Matcher m =
        Pattern.compile(
                "^relay_launcher_create_latency_seconds_bucket\\{.*le=\"([^\"]+)\".*}\\s+(\\S+)$",
                Pattern.MULTILINE)
            .matcher(metrics);
    TreeMap<Double, Double> buckets = new TreeMap<>();
    while (m.find()) {
      double le =
          m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
      buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
    }
    double total = buckets.lastEntry().getValue();
    for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
      if (bucket.getValue() >= q * total) {
        return bucket.getKey();
      }
    }
    return Double.NaN;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
