package io.sparkrelay.simulator.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgoExpressionTest {

  private static final String RETRY_THROTTLED_OR_UNANSWERED =
      "lastRetry.message matches 'response code: (429|5[0-9][0-9])$'"
          + " || !(lastRetry.message contains 'response code')";

  private static boolean retried(String message) {
    return ArgoExpression.isTrue(
        RETRY_THROTTLED_OR_UNANSWERED, Map.of("lastRetry.message", message));
  }

  @Test
  void theSubmitStepsRetryExpressionTellsThrottlingFromRefusal() {
    assertThat(retried("received non-2xx response code: 429")).isTrue();
    assertThat(retried("received non-2xx response code: 503")).isTrue();
    assertThat(retried("Post \"http://x\": connection refused")).isTrue();
    assertThat(retried("received non-2xx response code: 400")).isFalse();
    assertThat(retried("received non-2xx response code: 403")).isFalse();
  }

  @Test
  void comparisonsListsAndFunctions() {
    Map<String, Object> variables = Map.of("response.statusCode", 201, "lastRetry.exitCode", "1");

    assertThat(ArgoExpression.isTrue("response.statusCode in [200, 201]", variables)).isTrue();
    assertThat(ArgoExpression.isTrue("asInt(lastRetry.exitCode) == 1", variables)).isTrue();
    assertThat(ArgoExpression.isTrue("not (response.statusCode >= 300) and true", variables))
        .isTrue();
    assertThat(ArgoExpression.isTrue("response.statusCode != 201", variables)).isFalse();
  }

  @Test
  void refusesWhatItDoesNotUnderstand() {
    assertThatThrownBy(() -> ArgoExpression.isTrue("sprig.trim(x) == 'y'", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot evaluate");
    assertThatThrownBy(
            () -> ArgoExpression.isTrue("response.statusCode", Map.of("response.statusCode", 1)))
        .hasMessageContaining("not a condition");
  }
}
