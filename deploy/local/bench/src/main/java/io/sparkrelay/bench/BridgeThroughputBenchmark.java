package io.sparkrelay.bench;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.sparkrelay.testkit.ElasticMqServer;
import io.sparkrelay.testkit.NatsServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Drains N messages from ElasticMQ through a real sqs-bridge process into JetStream, and beside it,
 * in the same run and on the same ElasticMQ, the rate of bare receive + delete (the ceiling).
 *
 * <p>Args: path of the bridge's quarkus-run.jar, message count (default 10000), pollers (default
 * 4).
 */
public final class BridgeThroughputBenchmark {

  public static void main(String[] args) throws Exception {
    Path bridgeJar = Path.of(args[0]);
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int pollers = args.length > 2 ? Integer.parseInt(args[2]) : 4;

    try (ElasticMqServer sqs = ElasticMqServer.started();
        NatsServerProcess nats = NatsServerProcess.started()) {
      // warm ElasticMQ's JIT first, or the ceiling is measured cold and the bridge looks too good
      String warmup = sqs.createQueueWithDlq("warmup", "warmup-dlq", 5, 30);
      SqsLoad.preload(sqs.client(), warmup, count / 2, 8);
      SqsLoad.drain(sqs.client(), warmup, count / 2, pollers);
      String ceilingQueue = sqs.createQueueWithDlq("ceiling", "ceiling-dlq", 5, 30);
      SqsLoad.preload(sqs.client(), ceilingQueue, count, 8);
      long start = System.nanoTime();
      SqsLoad.drain(sqs.client(), ceilingQueue, count, pollers);
      double ceilingSeconds = (System.nanoTime() - start) / 1e9;

      String bridgeQueue = sqs.createQueueWithDlq("jobs", "jobs-dlq", 5, 30);
      SqsLoad.preload(sqs.client(), bridgeQueue, count, 8);
      Process bridge = startBridge(bridgeJar, sqs, bridgeQueue, nats, pollers);
      try {
        BridgeRun run = awaitStream(nats.url(), count, bridge);
        double bridgeRate = count / run.drainSeconds();
        double ceilingRate = count / ceilingSeconds;
        List<String> rows = new ArrayList<>();
        rows.add(row("messages", count, "", ""));
        rows.add(row("pollers (both sides)", pollers, "", ""));
        rows.add(row("ElasticMQ receive+delete only", ceilingRate, "msg/s", "ceiling"));
        rows.add(
            row("sqs-bridge SQS -> JetStream", bridgeRate, "msg/s", pct(bridgeRate / ceilingRate)));
        rows.add(row("sqs-bridge start to first publish", run.firstPublishSeconds(), "s", ""));
        rows.add(row("sqs-bridge RSS after drain", ProcessRss.megabytes(bridge.pid()), "MB", ""));
        System.out.println();
        System.out.println("sqs-bridge throughput (" + cpuCount() + " cores)");
        rows.forEach(System.out::println);
        System.out.printf(
            Locale.ROOT,
            "%nRESULT bridge=%.0f msg/s ceiling=%.0f msg/s ratio=%.0f%% target>=70%% %s%n",
            bridgeRate,
            ceilingRate,
            100 * bridgeRate / ceilingRate,
            bridgeRate / ceilingRate >= 0.7 ? "MET" : "NOT MET");
      } finally {
        bridge.destroy();
        bridge.waitFor();
      }
    }
  }

  private record BridgeRun(double firstPublishSeconds, double drainSeconds) {}

  private static Process startBridge(
      Path jar, ElasticMqServer sqs, String queueUrl, NatsServerProcess nats, int pollers)
      throws IOException {
    Path log = Files.createTempFile("bench-sqs-bridge", ".log");
    System.out.println("bridge log: " + log);
    // the JVM this benchmark runs on (run.sh picks it from JAVA_HOME), not whatever java the PATH
    // has first (Java 17 on these machines, which cannot run the Java 21 jar)
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-Dquarkus.http.port=0",
            "-Drelay.sqs.queue-url=" + queueUrl,
            "-Drelay.sqs.pollers=" + pollers,
            "-Drelay.nats.url=" + nats.url(),
            "-Dquarkus.sqs.endpoint-override=" + sqs.endpoint(),
            "-Dquarkus.sqs.aws.region=" + ElasticMqServer.REGION,
            "-Dquarkus.sqs.aws.credentials.type=static",
            "-Dquarkus.sqs.aws.credentials.static-provider.access-key-id=bench",
            "-Dquarkus.sqs.aws.credentials.static-provider.secret-access-key=bench",
            "-jar",
            jar.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Watches the stream's message count; the clock runs from the first stored message to the last.
   */
  private static BridgeRun awaitStream(String natsUrl, int count, Process bridge)
      throws IOException, InterruptedException, JetStreamApiException {
    long launched = System.nanoTime();
    long first = 0;
    long deadline = launched + Duration.ofMinutes(5).toNanos();
    try (Connection connection = Nats.connect(natsUrl)) {
      JetStreamManagement jsm = connection.jetStreamManagement();
      while (System.nanoTime() < deadline && bridge.isAlive()) {
        long stored = storedCount(jsm);
        long now = System.nanoTime();
        if (stored > 0 && first == 0) {
          first = now;
        }
        if (stored >= count) {
          return new BridgeRun((first - launched) / 1e9, (now - first) / 1e9);
        }
        // a benchmark's sampling interval, not a test wait
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
      }
    }
    throw new IllegalStateException("the bridge did not publish " + count + " messages in time");
  }

  private static long storedCount(JetStreamManagement jsm) throws IOException {
    try {
      return jsm.getStreamInfo("RELAY_EVENTS").getStreamState().getMsgCount();
    } catch (JetStreamApiException e) {
      return 0;
    }
  }

  private static int cpuCount() {
    return Runtime.getRuntime().availableProcessors();
  }

  private static String pct(double ratio) {
    return String.format(Locale.ROOT, "%.0f%% of ceiling", 100 * ratio);
  }

  private static String row(String label, Object value, String unit, String note) {
    String shown =
        value instanceof Double d ? String.format(Locale.ROOT, "%.1f", d) : String.valueOf(value);
    return String.format(Locale.ROOT, "  %-36s %12s %-6s %s", label, shown, unit, note);
  }
}
