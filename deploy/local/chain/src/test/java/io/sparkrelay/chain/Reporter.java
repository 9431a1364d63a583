package io.sparkrelay.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The status-reporter's REST answer for a run, asked of any of its instances: the first that
 * answers (one may be down or frozen by a fault).
 */
final class Reporter {

  /** The states a message ends in (status-reporter/README.md). */
  static final Set<String> END_STATES =
      Set.of("COMPLETED", "FAILED", "REFUSED", "DEAD_LETTERED", "FILTERED", "TOO_OLD");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> urls;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  Reporter(List<String> urls) {
    this.urls = List.copyOf(urls);
  }

  Reporter(LocalChain chain) {
    this(chain.endpoints("REPORTER_URLS"));
  }

  /**
   * {@code GET /api/v1/runs/{runId}}: the run, or empty when an instance answered 404.
   *
   * @throws IllegalStateException when no instance answered
   */
  Optional<JsonNode> run(String runId) {
    IOException last = null;
    for (String url : urls) {
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/runs/" + runId))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return Optional.of(JSON.readTree(response.body()));
        }
        if (response.statusCode() == 404) {
          return Optional.empty();
        }
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no status-reporter answered for " + runId, last);
  }

  /** The run's state, empty while it is unknown. */
  Optional<String> state(String runId) {
    return run(runId).map(run -> run.path("state").asText());
  }

  /** Whether the run is in one of its end states. */
  boolean ended(String runId) {
    return state(runId).filter(END_STATES::contains).isPresent();
  }
}
