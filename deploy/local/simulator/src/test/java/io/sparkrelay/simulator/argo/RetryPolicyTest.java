package io.sparkrelay.simulator.argo;

import static org.assertj.core.api.Assertions.assertThat;

import io.sparkrelay.simulator.kube.Json;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static RetryPolicy policy(String json, boolean honourRetryAfter) throws Exception {
    return RetryPolicy.of(Json.MAPPER.readTree(json), honourRetryAfter);
  }

  @Test
  void exponentialBackoffUntilTheLimit() throws Exception {
    RetryPolicy policy =
        policy("{\"limit\":\"2\",\"backoff\":{\"duration\":\"1s\",\"factor\":\"2\"}}", false);
    Outcome failed = Outcome.failed("429");

    assertThat(policy.delayBeforeRetry(0, failed, Instant.now())).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayBeforeRetry(1, failed, Instant.now())).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayBeforeRetry(2, failed, Instant.now())).isNull();
    assertThat(policy.delayBeforeRetry(0, Outcome.succeeded("{}"), Instant.now())).isNull();
  }

  @Test
  void defaultPolicyRetriesFailuresButNotErrors() throws Exception {
    RetryPolicy policy = policy("{\"limit\":3}", false);

    assertThat(policy.delayBeforeRetry(0, Outcome.failed("500"), Instant.now()))
        .isEqualTo(Duration.ZERO);
    assertThat(policy.delayBeforeRetry(0, Outcome.error("refused"), Instant.now())).isNull();
    assertThat(
            policy("{\"limit\":3,\"retryPolicy\":\"Always\"}", false)
                .delayBeforeRetry(0, Outcome.error("refused"), Instant.now()))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterStretchesTheDelayWhenHonoured() throws Exception {
    Outcome throttled = new Outcome(Outcome.FAILED, "429", null, Duration.ofSeconds(3));
    String strategy = "{\"limit\":3,\"backoff\":{\"duration\":\"1s\"}}";

    assertThat(policy(strategy, true).delayBeforeRetry(0, throttled, Instant.now()))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(policy(strategy, false).delayBeforeRetry(0, throttled, Instant.now()))
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void maxDurationEndsRetries() throws Exception {
    RetryPolicy policy =
        policy("{\"limit\":10,\"backoff\":{\"duration\":\"1s\",\"maxDuration\":\"1m\"}}", false);

    assertThat(policy.delayBeforeRetry(1, Outcome.failed("x"), Instant.now().minusSeconds(120)))
        .isNull();
  }

  @Test
  void goDurations() {
    assertThat(GoDurations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(GoDurations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(GoDurations.parse("5")).isEqualTo(Duration.ofSeconds(5));
  }
}
