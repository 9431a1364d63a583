package io.sparkrelay.simulator.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HttpSuccessConditionTest {

  @Test
  void withoutAConditionA2xxIsSuccess() {
    assertThat(HttpSuccessCondition.holds("", 201, "")).isTrue();
    assertThat(HttpSuccessCondition.holds(null, 429, "")).isFalse();
  }

  @Test
  void statusCodeComparisonsWithAndOr() {
    String condition = "response.statusCode == 201 || response.statusCode == 200";
    assertThat(HttpSuccessCondition.holds(condition, 200, "")).isTrue();
    assertThat(HttpSuccessCondition.holds(condition, 201, "")).isTrue();
    assertThat(HttpSuccessCondition.holds(condition, 429, "")).isFalse();

    String range = "(response.statusCode >= 200 && response.statusCode < 300)";
    assertThat(HttpSuccessCondition.holds(range, 204, "")).isTrue();
    assertThat(HttpSuccessCondition.holds(range, 300, "")).isFalse();
    assertThat(HttpSuccessCondition.holds("response.statusCode in [200, 201]", 201, "")).isTrue();
  }

  @Test
  void bodyChecks() {
    assertThat(
            HttpSuccessCondition.holds(
                "response.body contains \"SUBMITTED\"", 201, "{\"state\":\"SUBMITTED\"}"))
        .isTrue();
    assertThat(HttpSuccessCondition.holds("response.body == 'ok'", 200, "nok")).isFalse();
  }

  @Test
  void refusesExpressionsItDoesNotKnow() {
    assertThatThrownBy(() -> HttpSuccessCondition.holds("response.headers['X'] == 'y'", 200, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot evaluate");
  }
}
