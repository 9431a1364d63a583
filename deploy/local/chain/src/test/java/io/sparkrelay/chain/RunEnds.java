package io.sparkrelay.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.OrderedConsumerConfiguration;
import io.sparkrelay.testkit.NatsServerProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The end of every run as the status-reporter announces it on RELAY_RUNS ({@code
 * relay.runs.completed}, {@code .failed}, {@code .refused}, {@code .dead-lettered}, {@code
 * .filtered}, {@code .too-old}), read from the start of the stream by an ordered consumer, which
 * comes back by itself after a node it was on went away. Each stored end counts: a run announced
 * twice (the promise is once) shows as two.
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
  private final AtomicInteger total = new AtomicInteger();
  private Connection connection;
  private MessageConsumer consumer;

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
    try {
      // one filter: nats-server 2.9 knows no consumer with several
      runEnds.consumer =
          connection
              .getStreamContext("RELAY_RUNS")
              .createOrderedConsumer(
                  new OrderedConsumerConfiguration().filterSubject("relay.runs.>"))
              .consume(runEnds::read);
      return runEnds;
    } catch (JetStreamApiException e) {
      connection.close();
      throw new IOException("cannot follow RELAY_RUNS", e);
    }
  }

  private void read(Message message) {
    if (!END_SUBJECTS.contains(message.getSubject())) {
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
    if (consumer != null) {
      try {
        consumer.close();
      } catch (Exception e) {
        // the connection goes below anyway
      }
    }
    connection.close();
  }
}
