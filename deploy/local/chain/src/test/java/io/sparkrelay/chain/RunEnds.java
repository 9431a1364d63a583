package io.sparkrelay.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.ConsumerContext;
import io.nats.client.FetchConsumeOptions;
import io.nats.client.FetchConsumer;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.sparkrelay.testkit.NatsServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The end of every run as the status-reporter announces it on RELAY_RUNS ({@code
 * relay.runs.completed}, {@code .failed}, {@code .refused}, {@code .dead-lettered}, {@code
 * .filtered}, {@code .too-old}), read from the start of the stream by a durable pull consumer of
 * its own (replicated like the stream, so it outlives any one node) on a thread that fetches again
 * after any failure. Each stored end counts once, by its stream sequence (a redelivery to this
 * reader is not a second end); a run announced twice (the promise is once) shows as two.
 *
 * <p>An ordered consumer did not do here: with nodes killed under it (the chaos run), one stopped
 * delivering for good while the reporters went on announcing ends.
 */
final class RunEnds implements AutoCloseable {

  private static final Set<String> END_SUBJECTS =
      Set.of(
          "relay.runs.completed",
          "relay.runs.failed",
          "relay.runs.refused",
          "relay.runs.dead-lettered",
          "relay.runs.filtered",
          "relay.runs.too-old");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** When the first end of a run was read, its state, and how many ends the stream holds. */
  record End(Instant seen, String state, int count) {}

  private final Map<String, End> ends = new ConcurrentHashMap<>();
  private final Set<Long> sequences = ConcurrentHashMap.newKeySet();
  private final AtomicInteger total = new AtomicInteger();
  private final String durable = "chaos-ends-" + UUID.randomUUID().toString().substring(0, 8);
  private volatile boolean reading = true;
  private Connection connection;
  private Thread reader;

  private RunEnds() {}

  /** Starts reading, as the admin user of the chain's NATS. */
  static RunEnds follow(LocalChain chain) throws IOException, InterruptedException {
    Connection connection =
        Nats.connect(
            Options.builder()
                .server(chain.endpoint("NATS_URLS"))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                .connectionTimeout(Duration.ofSeconds(2))
                .sslContext(NatsServerProcess.trustingCa(Path.of(chain.endpoint("NATS_CA_FILE"))))
                .userInfo(chain.endpoint("NATS_ADMIN_USER"), chain.endpoint("NATS_ADMIN_PASSWORD"))
                .build());
    RunEnds runEnds = new RunEnds();
    runEnds.connection = connection;
    runEnds.reader = Thread.ofPlatform().daemon().name("run-ends").start(runEnds::readAll);
    return runEnds;
  }

  /** Fetches until closed; whatever fails (a node away, a leader moving) is tried again. */
  private void readAll() {
    ConsumerContext consumer = null;
    while (reading) {
      try {
        if (consumer == null) {
          // one filter: nats-server 2.9 knows no consumer with several
          connection
              .jetStreamManagement()
              .addOrUpdateConsumer(
                  "RELAY_RUNS",
                  ConsumerConfiguration.builder()
                      .durable(durable)
                      .filterSubject("relay.runs.>")
                      .deliverPolicy(DeliverPolicy.All)
                      .ackPolicy(AckPolicy.Explicit)
                      .ackWait(Duration.ofSeconds(10))
                      .build());
          consumer = connection.getStreamContext("RELAY_RUNS").getConsumerContext(durable);
        }
        try (FetchConsumer fetch =
            consumer.fetch(
                FetchConsumeOptions.builder().maxMessages(500).expiresIn(1000).build())) {
          Message message;
          while ((message = fetch.nextMessage()) != null) {
            read(message);
            message.ack();
          }
        }
      } catch (Exception e) {
        if (!reading) {
          return;
        }
        // the chaos at work; a short pause so a node that is down is not asked in a tight loop
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
    }
  }

  private void read(Message message) {
    if (!END_SUBJECTS.contains(message.getSubject())
        || !sequences.add(message.metaData().streamSequence())) {
      return;
    }
    try {
      JsonNode data = JSON.readTree(message.getData()).path("data");
      String runId = data.path("runId").asText();
      String state = data.path("state").asText();
      total.incrementAndGet();
      ends.merge(
          runId,
          new End(Instant.now(), state, 1),
          (first, again) -> new End(first.seen(), first.state(), first.count() + 1));
    } catch (IOException e) {
      // not an end the contract knows: not ours to count
    }
  }

  /** Every run read so far with its end. */
  Map<String, End> ends() {
    return ends;
  }

  /** End events read, repeats included. */
  int total() {
    return total.get();
  }

  @Override
  public void close() throws InterruptedException {
    reading = false;
    if (reader != null) {
      reader.join(Duration.ofSeconds(5));
    }
    try {
      connection.jetStreamManagement().deleteConsumer("RELAY_RUNS", durable);
    } catch (Exception e) {
      // the chain goes down next, and the stream with it
    }
    connection.close();
  }
}
