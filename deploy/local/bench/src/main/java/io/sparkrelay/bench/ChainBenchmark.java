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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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

  private static final List<String> SERVICES = ChainProcesses.SERVICES;
  private static final Pattern RUN_ID = Pattern.compile("\"runId\"\\s*:\\s*\"([^\"]+)\"");
  static final Pattern STARTED_IN = Pattern.compile("started in ([0-9.]+)s");
  private static final Pattern JSON_ROW =
      Pattern.compile(
          "\"measure\": \"(.*?)\", \"value\": \"(.*?)\", \"unit\": \"(.*?)\", \"note\": \"(.*?)\"");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Map<String, String> ready;
  private final Path runDir;
  private final ChainProcesses processes;
  private final List<String[]> rows = new ArrayList<>();
  private String prefix = "";

  private ChainBenchmark(Path runDir) throws Exception {
    this.runDir = runDir;
    this.ready = new LinkedHashMap<>();
    for (String line : Files.readAllLines(runDir.resolve("ready"))) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        ready.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    this.processes = new ChainProcesses(runDir, ready);
  }

  public static void main(String[] args) throws Exception {
    ChainBenchmark bench = new ChainBenchmark(Path.of(args[0]));
    Path json = Path.of(args[1]);
    String phase = args[2];
    int messages = Integer.parseInt(args[3]);
    int rate = Integer.parseInt(args[4]);
    int seconds = Integer.parseInt(args[5]);
    try (SqsClient sqs = sqs(bench.ready.get("SQS_ENDPOINT"))) {
      if (phase.equals("cluster")) {
        bench.prefix = "[cluster] ";
        // first at a tenth of the rate, which the CRUD stand-in keeps up with, so runs end and the
        // calls per run are whole; then at the full rate
        int gentle = Math.max(1, rate / 10);
        bench.latency(sqs, gentle, 10, false); // warm-up, not counted
        ApiCallCounts before = ApiCallCounts.fetch(bench.ready.get("KUBERNETES_API"));
        int runs = bench.latency(sqs, gentle, seconds, true);
        ApiCallCounts after = ApiCallCounts.fetch(bench.ready.get("KUBERNETES_API"));
        bench.rows.addAll(after.minus(before).perRunRows(runs, bench.prefix));
        bench.latency(sqs, rate, seconds, true);
      } else {
        int replicas = bench.processes.replicas();
        bench.prefix = replicas == 1 ? "[relay only] " : "[relay only, " + replicas + " replicas] ";
        if (replicas == 1) {
          // second start of the chain: the class-data archives written at the first one's exit
          // are in use
          bench.footprint("idle");
          bench.readyTimes();
          bench.startAlone();
        }
        bench.latency(sqs, rate, 10, false); // warm-up, not counted
        bench.latency(sqs, rate, seconds, true);
        bench.ceiling(sqs, messages);
        if (System.getenv("PROFILE") != null) {
          bench.profile(sqs, messages);
        }
      }
      bench.footprint("after load");
      bench.write(json);
    }
  }

  /**
   * Starts one more instance of each service, alone on the otherwise idle chain, with the command
   * line and environment of the running one (on a free HTTP port), and times it from fork to a 200
   * on /q/health/ready; three times each, once the machine has settled, reporting the median. Its
   * RSS is read as soon as it is ready.
   */
  private void startAlone() throws Exception {
    for (String service : SERVICES) {
      ProcessHandle running = servicePid(service).orElseThrow();
      List<StartTiming> timings = new ArrayList<>();
      boolean settled = true;
      for (int i = 0; i < 3; i++) {
        settled &= MachineLoad.awaitBelow(0.2, Duration.ofSeconds(90));
        timings.add(StartTiming.measure(running.pid(), runDir.resolve("logs"), i));
      }
      timings.sort(Comparator.comparingDouble(StartTiming::readySeconds));
      StartTiming median = timings.get(1);
      rows.add(
          new String[] {
            prefix + "start -> ready " + service + " (alone)",
            String.format("%.2f", median.readySeconds()),
            "s",
            String.format(
                "median of 3 (%.2f-%.2f) %s, fork to 200 on /q/health/ready;"
                    + " Quarkus 'started in' %s s; RSS when ready %s MB",
                timings.getFirst().readySeconds(),
                timings.getLast().readySeconds(),
                settled ? "on an idle machine" : "on a machine that did not settle below 0.2 cores",
                median.startedIn(),
                median.rssMb())
          });
    }
  }

  /**
   * Sends {@code rate} messages a second for {@code seconds}; per message, the time from just
   * before the send to the launcher's {@code relay.runs.workflow-created} event, to the Workflow's
   * ADDED event on a watch (when Workflows are stored), and to the run's end event. Returns how
   * many messages were sent; adds rows only when {@code counted}.
   */
  private int latency(SqsClient sqs, int rate, int seconds, boolean counted) throws Exception {
    String queueUrl = ready.get("QUEUE_URL");
    boolean stored = prefix.startsWith("[cluster]");
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> visible = new ConcurrentHashMap<>();
    Map<String, Long> ended = new ConcurrentHashMap<>();
    try (KubernetesClient kube =
            kubernetes(ready.get("KUBERNETES_API"), ready.get("KUBERNETES_ADMIN_TOKEN"));
        // run.sh's NATS: TLS with its own CA, and users (the admin's may read every subject)
        Connection nats =
            Nats.connect(
                io.nats.client.Options.builder()
                    .server(ready.get("NATS_URL"))
                    .sslContext(
                        io.sparkrelay.testkit.NatsServerProcess.trustingCa(
                            java.nio.file.Path.of(ready.get("NATS_CA_FILE"))))
                    .userInfo(ready.get("NATS_ADMIN_USER"), ready.get("NATS_ADMIN_PASSWORD"))
                    .build());
        Watch watch = stored ? watchWorkflows(kube, visible) : null) {
      nats.createDispatcher(msg -> record(msg.getData(), created))
          .subscribe("relay.runs.workflow-created");
      Dispatcher endings = nats.createDispatcher(msg -> record(msg.getData(), ended));
      endings.subscribe("relay.runs.completed");
      endings.subscribe("relay.runs.failed");
      int total = rate * seconds;
      sendAtFixedRate(
          total,
          rate,
          i -> {
            long t0 = System.nanoTime();
            String body = "{\"job\":\"pi\",\"n\":" + i + "}";
            String id = sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
            sent.put(id, t0);
          });
      Map<String, Long> last = stored ? ended : created;
      // what has not arrived within 90 s counts as not seen
      awaitAtMost(
          Duration.ofSeconds(90),
          Duration.ofMillis(200),
          () -> last.keySet().containsAll(sent.keySet()));
      if (counted) {
        String note = rate + " msg/s for " + seconds + " s, " + total + " sent";
        rows.add(
            percentileRow(
                prefix + "latency at " + rate + "/s: SQS send -> workflow-created event",
                deltas(sent, created),
                note));
        if (stored) {
          rows.add(
              percentileRow(
                  prefix + "latency at " + rate + "/s: SQS send -> Workflow ADDED (watch)",
                  deltas(sent, visible),
                  note));
          rows.add(
              percentileRow(
                  prefix + "latency at " + rate + "/s: SQS send -> run ended (event)",
                  deltas(sent, ended),
                  note));
        }
      }
      return total;
    }
  }

  /** Runs {@code send} {@code total} times, {@code rate} a second, one after the other. */
  private static void sendAtFixedRate(int total, int rate, IntConsumer send) throws Exception {
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    CountDownLatch done = new CountDownLatch(total);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    try {
      pacer.scheduleAtFixedRate(
          () -> {
            int i = next.getAndIncrement();
            if (i >= total) {
              return;
            }
            try {
              send.accept(i);
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
            }
            done.countDown();
          },
          0,
          1_000_000_000L / rate,
          TimeUnit.NANOSECONDS);
      if (!done.await(total / rate + 60L, TimeUnit.SECONDS)) {
        throw new IllegalStateException("sends fell more than 60 s behind the rate");
      }
    } finally {
      pacer.shutdownNow();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** Waits until {@code done} or {@code max} has passed, whichever comes first. */
  private static void awaitAtMost(Duration max, Duration poll, Callable<Boolean> done) {
    try {
      Awaitility.await().atMost(max).pollInterval(poll).until(done);
    } catch (ConditionTimeoutException e) {
      // the figures say how much arrived in time
    }
  }

  private static void record(byte[] event, Map<String, Long> seen) {
    long now = System.nanoTime();
    Matcher m = RUN_ID.matcher(new String(event, StandardCharsets.UTF_8));
    if (m.find()) {
      seen.putIfAbsent(m.group(1), now);
    }
  }

  /**
   * The whole relay on a pre-loaded backlog: the bridge is frozen while {@code messages} go into
   * the queue, then resumed; the clock runs until the launchers' created counter grew by {@code
   * messages}. Adds the CPU of every process over that time and the bytes each service allocated
   * per 1,000 events. Returns the rate.
   */
  private double throughput(SqsClient sqs, int messages, String label) throws Exception {
    String queueUrl = ready.get("QUEUE_URL");
    processes.collectGarbage();
    Map<String, Double> allocatedBefore = allocated();
    double before = createdTotal();
    Map<String, Double> cpuBefore = processes.cpuSeconds();
    // Freeze the bridge so the whole backlog is in the queue before the clock starts.
    processes.signal("sqs-bridge", "STOP");
    try {
      SqsLoad.preload(sqs, queueUrl, messages, 8);
    } finally {
      processes.signal("sqs-bridge", "CONT");
    }
    long start = System.nanoTime();
    double target = before + messages;
    awaitAtMost(Duration.ofSeconds(240), Duration.ofMillis(100), () -> createdTotal() >= target);
    double seconds = (System.nanoTime() - start) / 1e9;
    double created = createdTotal() - before;
    Map<String, Double> cpuAfter = processes.cpuSeconds();
    processes.collectGarbage();
    Map<String, Double> allocatedAfter = allocated();
    double rate = created / seconds;
    rows.add(
        new String[] {
          prefix + label,
          String.format("%.0f", rate),
          "events/s",
          String.format(
              "%.0f of %d pre-loaded Workflows created in %.1f s (launcher metric)",
              created, messages, seconds)
        });
    double total = 0;
    for (String process : cpuAfter.keySet()) {
      double cpu = cpuAfter.get(process) - cpuBefore.getOrDefault(process, 0.0);
      total += cpu / seconds;
      rows.add(
          new String[] {
            prefix + "CPU " + process + " during throughput",
            String.format("%.2f", cpu / seconds),
            "cores",
            String.format(
                "user+system time / wall time; %.3f CPU-s per 1,000 events, %.0f events/s per core",
                1000 * cpu / created, created / cpu)
          });
    }
    rows.add(
        new String[] {
          prefix + "CPU all processes of the chain during throughput",
          String.format("%.2f", total),
          "cores",
          "of the machine's " + Runtime.getRuntime().availableProcessors()
        });
    for (String service : SERVICES) {
      double bytes = allocatedAfter.get(service) - allocatedBefore.get(service);
      rows.add(
          new String[] {
            prefix + "allocated " + service + " per 1,000 events",
            String.format("%.1f", bytes / created / 1000),
            "MB",
            "jvm_gc_memory_allocated_bytes_total between two forced GCs, all instances"
          });
    }
    return rate;
  }

  /** Bytes each service (all instances) allocated so far, as of its last collection. */
  private Map<String, Double> allocated() throws Exception {
    Map<String, Double> bytes = new LinkedHashMap<>();
    for (String service : SERVICES) {
      bytes.put(service, processes.metricSum(service, "jvm_gc_memory_allocated_bytes_total"));
    }
    return bytes;
  }

  /**
   * The ceiling, in the same run and on the same ElasticMQ as the relay: ElasticMQ's own receive +
   * delete rate with nothing behind it (on a queue of its own, as many pollers as all bridges
   * have), the bridge alone into JetStream (the launchers frozen) and the launchers alone from that
   * JetStream backlog. Then the whole relay, and both ratios.
   */
  private void ceiling(SqsClient sqs, int messages) throws Exception {
    // ElasticMQ's best with bare receive + delete loops: 4 per bridge (relay.sqs.pollers' default),
    // and twice and four times as many, since a loop that only waits on ElasticMQ may need more
    // of them than the bridge to keep it busy
    String ceilingQueue =
        sqs.createQueue(b -> b.queueName("ceiling-" + System.currentTimeMillis())).queueUrl();
    SqsLoad.preload(sqs, ceilingQueue, messages / 5, 8); // ElasticMQ's receive path warmed first
    SqsLoad.drain(sqs, ceilingQueue, messages / 5, 4);
    double sqsRate = 0;
    StringBuilder byPollers = new StringBuilder();
    for (int pollers : List.of(4, 8, 16)) {
      int loops = pollers * processes.replicas();
      SqsLoad.preload(sqs, ceilingQueue, messages, 8);
      long began = System.nanoTime();
      SqsLoad.drain(sqs, ceilingQueue, messages, loops);
      double rate = messages / ((System.nanoTime() - began) / 1e9);
      sqsRate = Math.max(sqsRate, rate);
      byPollers.append(
          String.format("%s%d loops %.0f/s", byPollers.isEmpty() ? "" : ", ", loops, rate));
    }
    rows.add(
        new String[] {
          prefix + "ceiling: ElasticMQ receive+delete only",
          String.format("%.0f", sqsRate),
          "msg/s",
          "the best of " + byPollers + "; " + messages + " each, batches of 10"
        });
    long start;

    // the counters are read before their service is frozen: a frozen one does not answer
    double createdBefore = createdTotal();
    double published = bridgePublished();
    processes.signal("workflow-launcher", "STOP");
    try {
      processes.signal("sqs-bridge", "STOP");
      try {
        SqsLoad.preload(sqs, ready.get("QUEUE_URL"), messages, 8);
      } finally {
        processes.signal("sqs-bridge", "CONT");
      }
      start = System.nanoTime();
      awaitAtMost(
          Duration.ofSeconds(240),
          Duration.ofMillis(50),
          () -> bridgePublished() >= published + messages);
    } finally {
      processes.signal("workflow-launcher", "CONT");
    }
    double bridgeRate = messages / ((System.nanoTime() - start) / 1e9);
    start = System.nanoTime();
    awaitAtMost(
        Duration.ofSeconds(240),
        Duration.ofMillis(50),
        () -> createdTotal() >= createdBefore + messages);
    double launcherRate = (createdTotal() - createdBefore) / ((System.nanoTime() - start) / 1e9);
    rows.add(
        new String[] {
          prefix + "ceiling: sqs-bridge alone, SQS backlog -> JetStream",
          String.format("%.0f", bridgeRate),
          "msg/s",
          String.format(
              "launchers frozen; %.0f%% of ElasticMQ's own rate (goal >= 95%%)",
              100 * bridgeRate / sqsRate)
        });
    rows.add(
        new String[] {
          prefix + "ceiling: workflow-launcher alone, JetStream backlog -> Workflows",
          String.format("%.0f", launcherRate),
          "events/s",
          "the bridge's backlog of the row above, launchers resumed"
        });
    double relayRate = throughput(sqs, messages, "throughput SQS backlog -> Workflows");
    rows.add(
        new String[] {
          prefix + "ceiling ratio: whole relay / ElasticMQ's own rate",
          String.format("%.0f", 100 * relayRate / sqsRate),
          "%",
          String.format(
              "%.0f / %.0f (goal >= 90%%); bridge alone %.0f%%",
              relayRate, sqsRate, 100 * bridgeRate / sqsRate)
        });
  }

  private double bridgePublished() throws Exception {
    return processes.metricSum("sqs-bridge", "relay_bridge_messages_published_total");
  }

  /**
   * With PROFILE set: the whole relay once more, under a JFR recording (profile settings) in every
   * JVM of the chain; the recordings and their hottest methods go to {@code profiles/} of the run
   * dir. Its rows are not figures (the recording costs a little).
   */
  private void profile(SqsClient sqs, int messages) throws Exception {
    processes.startRecording("bench");
    List<String[]> measured = new ArrayList<>(rows);
    throughput(sqs, messages, "throughput under JFR");
    rows.clear();
    rows.addAll(measured);
    for (Path summary : processes.stopRecording("bench", runDir.resolve("profiles"))) {
      System.out.println("profile: " + summary);
    }
  }

  private void footprint(String phase) throws Exception {
    for (String service : SERVICES) {
      ProcessHandle pid = servicePid(service).orElseThrow();
      rows.add(
          new String[] {
            prefix + "RSS " + service + " (" + phase + ")",
            ProcessRss.megabytes(pid.pid()),
            "MB",
            ""
          });
    }
  }

  private void readyTimes() throws Exception {
    for (String service : SERVICES) {
      String log = Files.readString(runDir.resolve("logs").resolve(service + ".log"));
      Matcher m = STARTED_IN.matcher(log);
      rows.add(
          new String[] {
            prefix + "start -> ready " + service + " (all four at once)",
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

  private static String[] percentileRow(String label, List<Long> sorted, String note) {
    if (sorted.isEmpty()) {
      return new String[] {label, "none seen", "", note};
    }
    return new String[] {
      label,
      String.format(
          "p50 %.1f / p99 %.1f / max %.1f",
          ms(sorted, 0.50), ms(sorted, 0.99), sorted.getLast() / 1e6),
      "ms",
      note + ", " + sorted.size() + " seen"
    };
  }

  private static double ms(List<Long> sorted, double q) {
    int index = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
    return sorted.get(Math.max(0, index)) / 1e6;
  }

  private double createdTotal() throws Exception {
    return processes.metricSum("workflow-launcher", "relay_launcher_workflows_created_total");
  }

  static Optional<ProcessHandle> servicePid(String service) {
    return ChainProcesses.instances(service).stream().findFirst();
  }

  private static SqsClient sqs(String endpoint) {
    return SqsClient.builder()
        .endpointOverride(URI.create(endpoint))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .build();
  }

  /** A client as the local stack's admin (run.sh's ready file names its token). */
  private static KubernetesClient kubernetes(String url, String adminToken) {
    Config config =
        new ConfigBuilder()
            .withMasterUrl(url)
            .withTrustCerts(true)
            .withOauthToken(adminToken)
            .withUserAgent("spark-relay-bench/local")
            .withRequestTimeout((int) Duration.ofSeconds(30).toMillis())
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Prints the table and writes it as JSON: the other phase's rows already in the file, then this
   * phase's, so phases can be run on their own.
   */
  private void write(Path json) throws Exception {
    List<String[]> all = new ArrayList<>();
    for (String line : Files.exists(json) ? Files.readAllLines(json) : List.<String>of()) {
      Matcher m = JSON_ROW.matcher(line);
      if (m.find() && !m.group(1).startsWith(prefix)) {
        all.add(new String[] {m.group(1), m.group(2), m.group(3), m.group(4)});
      }
    }
    all.addAll(rows);
    StringBuilder table = new StringBuilder();
    StringBuilder out = new StringBuilder("[\n");
    table.append(String.format("%-62s | %-26s | %-8s | %s%n", "measure", "value", "unit", "note"));
    for (int i = 0; i < all.size(); i++) {
      String[] r = all.get(i);
      table.append(String.format("%-62s | %-26s | %-8s | %s%n", (Object[]) r));
      out.append(
          String.format(
              "  {\"measure\": \"%s\", \"value\": \"%s\", \"unit\": \"%s\", \"note\": \"%s\"}%s%n",
              r[0], r[1], r[2], r[3], i < all.size() - 1 ? "," : ""));
    }
    out.append("]\n");
    System.out.print(table);
    Files.writeString(json, out);
  }
}
