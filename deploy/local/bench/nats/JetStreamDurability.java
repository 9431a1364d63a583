import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * Publish latency and throughput of a replicated JetStream stream, as the sqs-bridge publishes:
 * every message waits for its PubAck (the stream's leader has it and a quorum of the replicas too).
 * Single-file program, run by deploy/local/bench/nats/run.sh against a three-node cluster:
 *
 * <pre>java -cp jnats.jar JetStreamDurability.java URLS LABEL MESSAGES PAYLOAD_BYTES WINDOW</pre>
 *
 * Creates the stream BENCH (file storage, 3 replicas, subject bench.>), then: MESSAGES publishes one
 * at a time, each awaited (latency); MESSAGES more with up to WINDOW unacknowledged (throughput, as
 * the bridge's pollers publish batches). Prints one JSON line.
 */
public class JetStreamDurability {

  public static void main(String[] args) throws Exception {
    String urls = args[0];
    String label = args[1];
    int messages = Integer.parseInt(args[2]);
    byte[] payload = new byte[Integer.parseInt(args[3])];
    Arrays.fill(payload, (byte) 'x');
    int window = Integer.parseInt(args[4]);
    Options options =
        Options.builder()
            .server(urls)
            .connectionTimeout(Duration.ofSeconds(5))
            .maxReconnects(-1)
            .build();
    try (Connection connection = Nats.connect(options)) {
      JetStreamManagement jsm = connection.jetStreamManagement();
      try {
        jsm.deleteStream("BENCH");
      } catch (Exception e) {
        // not there yet
      }
      jsm.addStream(
          StreamConfiguration.builder()
              .name("BENCH")
              .subjects("bench.>")
              .storageType(StorageType.File)
              .replicas(3)
              .build());
      JetStream js = connection.jetStream();
      // warm-up: the stream's leader elected and the route connections busy
      for (int i = 0; i < 200; i++) {
        js.publish("bench.warmup", payload);
      }

      long[] latencies = new long[messages];
      long started = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        long t = System.nanoTime();
        PublishAck ack = js.publish("bench.sync", payload);
        latencies[i] = System.nanoTime() - t;
        if (ack.hasError()) {
          throw new IllegalStateException(ack.getError());
        }
      }
      double syncSeconds = (System.nanoTime() - started) / 1e9;
      Arrays.sort(latencies);

      Deque<CompletableFuture<PublishAck>> pending = new ArrayDeque<>();
      started = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        if (pending.size() >= window) {
          pending.removeFirst().get();
        }
        pending.addLast(js.publishAsync("bench.async", payload));
      }
      while (!pending.isEmpty()) {
        pending.removeFirst().get();
      }
      double asyncSeconds = (System.nanoTime() - started) / 1e9;
      long stored = jsm.getStreamInfo("BENCH").getStreamState().getMsgCount();

      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"label\":\"%s\",\"messages\":%d,\"payloadBytes\":%d,\"window\":%d,"
                  + "\"syncPerSecond\":%.0f,\"p50Ms\":%.3f,\"p90Ms\":%.3f,\"p99Ms\":%.3f,"
                  + "\"maxMs\":%.3f,\"windowedPerSecond\":%.0f,\"stored\":%d}",
              label,
              messages,
              payload.length,
              window,
              messages / syncSeconds,
              ms(latencies, 0.50),
              ms(latencies, 0.90),
              ms(latencies, 0.99),
              latencies[latencies.length - 1] / 1e6,
              messages / asyncSeconds,
              stored));
      jsm.deleteStream("BENCH");
    }
  }

  private static double ms(long[] sorted, double quantile) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
  }
}
