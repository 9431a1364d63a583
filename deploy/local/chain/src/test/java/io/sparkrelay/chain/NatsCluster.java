package io.sparkrelay.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.ClusterInfo;
import io.nats.client.api.Replica;
import io.nats.client.api.StreamInfo;
import io.sparkrelay.testkit.NatsServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The local chain's NATS servers as an operator sees them: stream info through the JetStream API
 * (as the admin user, over TLS, any node that answers), and the monitoring endpoint's {@code /jsz}
 * to find which node leads a stream. Works across node restarts: a fresh connection per call.
 */
final class NatsCluster {

  /** Every stream the services create, the reporter's bucket included. */
  static final List<String> STREAMS =
      List.of("RELAY_EVENTS", "RELAY_RUNS", "RELAY_DEAD", "KV_relay-runs");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String urls;
  private final List<String> monitors;
  private final String user;
  private final String password;
  private final Path caFile;

  NatsCluster(LocalChain chain) {
    this.urls = chain.endpoint("NATS_URLS");
    this.monitors = chain.endpoints("NATS_MONITOR_URLS");
    this.user = chain.endpoint("NATS_ADMIN_USER");
    this.password = chain.endpoint("NATS_ADMIN_PASSWORD");
    this.caFile = Path.of(chain.endpoint("NATS_CA_FILE"));
  }

  /** A stream as JetStream describes it: its replica count, its leader and the other peers. */
  record StreamPlacement(String stream, int replicas, String leader, List<Peer> peers) {

    /** Whether a leader is elected and every other peer has caught up. */
    boolean healthy() {
      return leader != null
          && !leader.isEmpty()
          && peers.size() == replicas - 1
          && peers.stream().allMatch(Peer::current);
    }
  }

  record Peer(String name, boolean current) {}

  /** STREAM.NAMES: every stream the account holds, key-value buckets included. */
  List<String> streamNames() {
    return withManagement(JetStreamManagement::getStreamNames);
  }

  /** STREAM.INFO of {@code stream}. */
  StreamPlacement placement(String stream) {
    StreamInfo info = withManagement(jsm -> jsm.getStreamInfo(stream));
    ClusterInfo cluster = info.getClusterInfo();
    List<Peer> peers =
        cluster == null || cluster.getReplicas() == null
            ? List.of()
            : cluster.getReplicas().stream()
                .map((Replica r) -> new Peer(r.getName(), r.isCurrent()))
                .toList();
    return new StreamPlacement(
        stream,
        info.getConfiguration().getReplicas(),
        cluster == null ? null : cluster.getLeader(),
        peers);
  }

  private interface ManagementCall<T> {
    T call(JetStreamManagement jsm) throws IOException, JetStreamApiException;
  }

  /** {@code call} on a fresh connection to any node that answers, closed afterwards. */
  private <T> T withManagement(ManagementCall<T> call) {
    try (Connection connection = connect()) {
      return call.call(connection.jetStreamManagement());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JetStreamApiException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The server that leads {@code stream} as one node's monitoring endpoint tells it ({@code
   * /jsz?streams=true}: the stream's cluster leader), asking each node in turn until one answers.
   */
  Optional<String> leaderFromMonitoring(String stream) {
    for (String monitor : monitors) {
      try {
        HttpResponse<String> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(monitor + "/jsz?streams=true"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          continue;
        }
        for (JsonNode account : JSON.readTree(response.body()).path("account_details")) {
          for (JsonNode detail : account.path("stream_detail")) {
            String leader = detail.path("cluster").path("leader").asText("");
            if (stream.equals(detail.path("name").asText()) && !leader.isEmpty()) {
              return Optional.of(leader);
            }
          }
        }
      } catch (IOException e) {
        // that node is down or frozen: the next
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Connection connect() throws IOException, InterruptedException {
    return Nats.connect(
        Options.builder()
            .server(urls)
            .connectionTimeout(Duration.ofSeconds(2))
            .noReconnect()
            .sslContext(NatsServerProcess.trustingCa(caFile))
            .userInfo(user, password)
            .build());
  }
}
