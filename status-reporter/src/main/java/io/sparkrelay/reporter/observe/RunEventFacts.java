package io.sparkrelay.reporter.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.FailureKind;
import io.sparkrelay.reporter.Origin;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowState;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the launcher's and the submitter's run events tell: the time the original message was
 * received, the trigger, the names of the Workflow and the SparkApplication ({@code
 * relay.runs.workflow-created}, {@code relay.runs.spark-submitted}); that no rule matched the
 * message ({@code relay.runs.unmatched}); that the submitter refused the Workflow's request, and by
 * which rule ({@code relay.runs.spark-refused}).
 */
public final class RunEventFacts {

  public static final String WORKFLOW_CREATED = "relay.runs.workflow-created";
  public static final String SPARK_SUBMITTED = "relay.runs.spark-submitted";
  public static final String UNMATCHED = "relay.runs.unmatched";
  public static final String SPARK_REFUSED = "relay.runs.spark-refused";

  /** The label a refusal is counted under when its rule is not a plain rule id. */
  static final String OTHER = "other";

  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private RunEventFacts() {}

  /**
   * @param subject the subject the event came on
   * @param eventTime the CloudEvent's own time (when the launcher or submitter did its work)
   * @param data the event's data
   */
  public static Optional<RunState> from(String subject, Instant eventTime, JsonNode data) {
    String runId = data.path("runId").asText("");
    if (runId.isBlank()) {
      return Optional.empty();
    }
    RunState run = RunState.of(runId);
    WorkflowState workflow = workflow(data.path("workflow"));
    if (workflow != null) {
      run = run.withWorkflow(workflow);
    }
    if (WORKFLOW_CREATED.equals(subject)) {
      run =
          run.withTrigger(WorkflowFacts.blankToNull(data.path("trigger").asText(null)))
              .reached(Stage.RECEIVED, Fields.time(data.path("eventTime").asText(null)))
              .reached(Stage.WORKFLOW_CREATED, eventTime);
    } else if (SPARK_SUBMITTED.equals(subject)) {
      JsonNode application = data.path("application");
      String name = application.path("name").asText("");
      if (!name.isBlank()) {
        run =
            run.withApplication(
                ApplicationState.named(
                    name, WorkflowFacts.blankToNull(application.path("namespace").asText(null))));
      }
      run = run.reached(Stage.SPARK_SUBMITTED, eventTime);
    } else if (UNMATCHED.equals(subject) && eventTime != null) {
      run =
          run.reached(Stage.RECEIVED, Fields.time(data.path("eventTime").asText(null)))
              .withFailure(
                  new Failure(
                      FailureKind.NO_MATCHING_RULE,
                      "no-matching-rule",
                      Texts.bounded(data.path("reason").asText("no trigger rule matched")),
                      Origin.SERVICE,
                      "service/workflow-launcher",
                      false,
                      eventTime))
              .reached(Stage.FILTERED, eventTime);
    } else if (SPARK_REFUSED.equals(subject) && eventTime != null) {
      String rule = data.path("rule").asText("");
      run =
          run.withFailure(
                  new Failure(
                      FailureKind.REFUSED_BY_SUBMITTER,
                      RULE_ID.matcher(rule).matches() ? rule : OTHER,
                      Texts.bounded(data.path("reason").asText("refused")),
                      Origin.SERVICE,
                      "service/spark-submitter",
                      false,
                      eventTime))
              .reached(Stage.REFUSED, eventTime);
    } else {
      return Optional.empty();
    }
    return Optional.of(run);
  }

  /** The workflow as {@code {"name","namespace"}} or as a bare name. */
  private static WorkflowState workflow(JsonNode node) {
    if (node.isTextual() && !node.asText().isBlank()) {
      return WorkflowState.named(node.asText(), null);
    }
    String name = node.path("name").asText("");
    if (name.isBlank()) {
      return null;
    }
    return WorkflowState.named(
        name, WorkflowFacts.blankToNull(node.path("namespace").asText(null)));
  }
}
