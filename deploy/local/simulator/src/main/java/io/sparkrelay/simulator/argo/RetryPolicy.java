package io.sparkrelay.simulator.argo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A template's {@code retryStrategy}: {@code limit}, {@code retryPolicy} (Always, OnFailure,
 * OnError, OnTransientError), {@code expression} (over {@code lastRetry.message}, {@code .status},
 * {@code .exitCode}, {@code .duration}) and {@code backoff} (duration, factor, maxDuration, cap).
 * Argo's default policy is OnFailure, which retries Failed nodes but not Errors. Honouring
 * Retry-After is the simulator's addition (Argo uses its backoff only).
 */
record RetryPolicy(
    int limit,
    String policy,
    String expression,
    Duration backoff,
    double factor,
    Duration maxDuration,
    Duration cap,
    boolean honourRetryAfter) {

  static RetryPolicy of(JsonNode strategy, boolean honourRetryAfter) {
    JsonNode backoff = strategy.path("backoff");
    return new RetryPolicy(
        strategy.hasNonNull("limit") ? Integer.parseInt(strategy.get("limit").asText()) : -1,
        strategy.path("retryPolicy").asText("OnFailure"),
        strategy.path("expression").asText(""),
        backoff.hasNonNull("duration")
            ? GoDurations.parse(backoff.get("duration").asText())
            : Duration.ZERO,
        backoff.hasNonNull("factor") ? Double.parseDouble(backoff.get("factor").asText()) : 1.0,
        backoff.hasNonNull("maxDuration")
            ? GoDurations.parse(backoff.get("maxDuration").asText())
            : null,
        backoff.hasNonNull("cap") ? GoDurations.parse(backoff.get("cap").asText()) : null,
        honourRetryAfter);
  }

  /** How long to wait before the next attempt after {@code attempt} (0-based), or null to stop. */
  Duration delayBeforeRetry(int attempt, Outcome outcome, Instant firstAttempt) {
    if (outcome.isSuccess() || !retries(outcome.phase())) {
      return null;
    }
    if (limit >= 0 && attempt >= limit) {
      return null;
    }
    if (!expression.isBlank() && !expressionAllows(outcome, firstAttempt)) {
      return null;
    }
    Duration delay = Duration.ofMillis((long) (backoff.toMillis() * Math.pow(factor, attempt)));
    if (cap != null && delay.compareTo(cap) > 0) {
      delay = cap;
    }
    if (honourRetryAfter
        && outcome.retryAfter() != null
        && outcome.retryAfter().compareTo(delay) > 0) {
      delay = outcome.retryAfter();
    }
    if (maxDuration != null
        && Duration.between(firstAttempt, Instant.now()).plus(delay).compareTo(maxDuration) > 0) {
      return null;
    }
    return delay;
  }

  private boolean expressionAllows(Outcome outcome, Instant firstAttempt) {
    Map<String, Object> lastRetry =
        Map.of(
            "lastRetry.message",
            outcome.message() == null ? "" : outcome.message(),
            "lastRetry.status",
            outcome.phase(),
            "lastRetry.exitCode",
            "-1",
            "lastRetry.duration",
            String.valueOf(Duration.between(firstAttempt, Instant.now()).toSeconds()));
    return ArgoExpression.isTrue(expression, lastRetry);
  }

  private boolean retries(String phase) {
    return switch (policy) {
      case "Always" -> true;
      case "OnError", "OnTransientError" -> Outcome.ERROR.equals(phase);
      default -> Outcome.FAILED.equals(phase);
    };
  }
}
