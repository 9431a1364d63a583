package io.sparkrelay.simulator.argo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrelay.simulator.kube.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateExpressionsTest {

  private final Map<String, String> scope =
      Map.of(
          "workflow.name", "pi-4f2a9c01de",
          "workflow.parameters.run-id", "7f1c-42",
          "workflow.labels.spark-relay.io/trigger", "pi",
          "inputs.parameters.message", "hello",
          "tasks.submit-spark.outputs.result",
              "{\"name\":\"pi-4f2a9c01de-spark\",\"namespace\":\"spark-team-a\"}");

  @Test
  void replacesEveryKnownTagAndKeepsUnknownOnes() {
    String text =
        "{{workflow.name}}/{{ workflow.parameters.run-id }} {{inputs.parameters.message}}"
            + " {{workflow.labels.spark-relay.io/trigger}} {{steps.other.outputs.result}}";

    assertThat(TemplateExpressions.substitute(text, scope))
        .isEqualTo("pi-4f2a9c01de/7f1c-42 hello pi {{steps.other.outputs.result}}");
  }

  @Test
  void readsAFieldOfAnEarlierTasksJsonResult() {
    assertThat(
            TemplateExpressions.substitute(
                "{{=jsonpath(tasks['submit-spark'].outputs.result, '$.namespace')}}"
                    + "/{{=jsonpath(tasks.submit-spark.outputs.result, \"$.name\")}}",
                scope))
        .isEqualTo("spark-team-a/pi-4f2a9c01de-spark");
  }

  @Test
  void substitutesInsideATemplateTreeAndReportsWhatItCouldNotResolve() throws Exception {
    JsonNode template =
        Json.MAPPER.readTree(
            "{\"http\":{\"url\":\"http://x/{{workflow.name}}\","
                + "\"body\":\"{{workflow.parameters.missing}} {{inputs.parameters.message}}\"}}");

    JsonNode substituted = TemplateExpressions.substitute(template, scope);

    assertThat(substituted.at("/http/url").asText()).isEqualTo("http://x/pi-4f2a9c01de");
    assertThat(TemplateExpressions.unresolvedParameters(substituted))
        .containsExactly("{{workflow.parameters.missing}}");
  }

  @Test
  void leavesValuesWithRegexSpecialCharactersIntact() {
    assertThat(TemplateExpressions.substitute("{{x}}", Map.of("x", "a$1\\b"))).isEqualTo("a$1\\b");
  }
}
