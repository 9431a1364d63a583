package io.sparkrelay.submitter.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The workflow-parameters rule without a server: the template's fields, then every label under
 * spark-relay.io/ against the Workflow's parameter of the same name.
 */
class WorkflowCheckTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A Workflow as the launcher renders it from the production rules: no label parameter. */
  private static final Map<String, String> PRODUCTION =
      Map.of(
          "run-id",
          "run-1",
          "job",
          "pi",
          "input",
          "",
          "output",
          "",
          "executors",
          "",
          "submitter-url",
          "http://spark-relay-spark-submitter.spark-relay:8080");

  /** The body the production template sends for pi, with {@code labels} (null: none). */
  private static SubmitRequest request(Map<String, String> labels) {
    Map<String, Object> body = new HashMap<>();
    body.put("runId", "run-1");
    body.put("workflow", "pi-0123456789");
    body.put("step", "submit-spark");
    body.put("profile", "pi");
    body.put("arguments", List.of("", ""));
    body.put("labels", labels);
    return JSON.convertValue(body, SubmitRequest.class);
  }

  private static Map<String, String> with(Map<String, String> parameters, String name, String v) {
    Map<String, String> changed = new LinkedHashMap<>(parameters);
    changed.put(name, v);
    return changed;
  }

  @Test
  void theProductionBodyWithoutLabelsMatchesItsWorkflow() {
    assertThat(WorkflowCheck.parameterMismatch(PRODUCTION, request(null))).isEmpty();
    assertThat(WorkflowCheck.parameterMismatch(PRODUCTION, request(Map.of()))).isEmpty();
  }

  @Test
  void aLabelMustBeTheWorkflowsParameterOfTheSameName() {
    Map<String, String> parameters = with(PRODUCTION, "team", "data-eng");

    assertThat(
            WorkflowCheck.parameterMismatch(
                parameters, request(Map.of("spark-relay.io/team", "data-eng"))))
        .isEmpty();
    assertThat(
            WorkflowCheck.parameterMismatch(
                parameters, request(Map.of("spark-relay.io/team", "ml"))))
        .hasValue("parameter team is not \"ml\" as the request's labels.spark-relay.io/team says");
    assertThat(
            WorkflowCheck.parameterMismatch(parameters, request(Map.of("spark-relay.io/team", ""))))
        .hasValue("parameter team is not empty as the request's labels.spark-relay.io/team says");
    // an empty parameter matches an empty label only
    assertThat(
            WorkflowCheck.parameterMismatch(
                with(PRODUCTION, "team", ""), request(Map.of("spark-relay.io/team", ""))))
        .isEmpty();
  }

  @Test
  void aLabelWhoseParameterTheWorkflowDoesNotSetIsRefusedEvenEmpty() {
    assertThat(
            WorkflowCheck.parameterMismatch(
                PRODUCTION, request(Map.of("spark-relay.io/scenario", "oom"))))
        .hasValue(
            "the request's labels.spark-relay.io/scenario names parameter scenario, which the"
                + " Workflow does not set");
    assertThat(
            WorkflowCheck.parameterMismatch(
                PRODUCTION, request(Map.of("spark-relay.io/scenario", ""))))
        .hasValue(
            "the request's labels.spark-relay.io/scenario names parameter scenario, which the"
                + " Workflow does not set");
  }

  @Test
  void theFieldsComeFirstThenTheLabelsByKey() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("spark-relay.io/zone", "b");
    labels.put("spark-relay.io/team", "ml");
    Map<String, String> parameters = with(with(PRODUCTION, "team", "data-eng"), "zone", "a");

    assertThat(WorkflowCheck.parameterMismatch(parameters, request(labels)))
        .hasValue("parameter team is not \"ml\" as the request's labels.spark-relay.io/team says");
    assertThat(
            WorkflowCheck.parameterMismatch(
                with(parameters, "job", "taxi-trip"), request(Map.of("spark-relay.io/team", "ml"))))
        .hasValue("parameter job is not \"pi\" as the request's profile says");
  }

  @Test
  void reservedAndForeignKeysAreLeftToTheRequestsOwnValidation() {
    // the resolver answers these with 400 (is set by the service / only keys spark-relay.io/<name>)
    assertThat(
            WorkflowCheck.parameterMismatch(
                PRODUCTION,
                request(
                    Map.of(
                        "spark-relay.io/run-id", "other",
                        "spark-relay.io/workflow", "other",
                        "spark-relay.io/trigger", "other",
                        "team", "ml"))))
        .isEmpty();
  }
}
