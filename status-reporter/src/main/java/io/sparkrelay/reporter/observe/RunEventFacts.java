package io.sparkrelay.reporter.observe;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowState;
import java.time.Instant;
import java.util.Optional;

/**
 * What the launcher's {@code relay.runs.workflow-created} and the submitter's {@code
 * relay.runs.spark-submitted} events tell: the time the original message was received, the trigger,
 * and the names of the Workflow and the SparkApplication.
 */
public final class RunEventFacts {

  public static final String WORKFLOW_CREATED = "relay.runs.workflow-created";
  public static final String SPARK_SUBMITTED = "relay.runs.spark-submitted";

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
