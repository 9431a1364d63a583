package io.sparkrelay.simulator.argo;

import java.util.Map;

/**
 * An {@code http} template's successCondition over {@code response.statusCode} and {@code
 * response.body} (see {@link ArgoExpression} for the syntax understood). Without a condition, a 2xx
 * status is success, as in Argo.
 */
public final class HttpSuccessCondition {

  private HttpSuccessCondition() {}

  public static boolean holds(String condition, int statusCode, String body) {
    if (condition == null || condition.isBlank()) {
      return statusCode >= 200 && statusCode < 300;
    }
    return ArgoExpression.isTrue(
        condition,
        Map.of("response.statusCode", statusCode, "response.body", body == null ? "" : body));
  }
}
