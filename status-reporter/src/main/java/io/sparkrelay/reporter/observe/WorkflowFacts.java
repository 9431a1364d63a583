package io.sparkrelay.reporter.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.FailureKind;
import io.sparkrelay.reporter.Origin;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowState;
import java.time.Instant;
import java.util.Optional;

/** What an Argo Workflow (argoproj.io/v1alpha1) tells about its run. */
public final class WorkflowFacts {

  private WorkflowFacts() {}

  /**
   * The facts of {@code workflow}; empty when it carries no run id, or is not labelled {@code
   * app.kubernetes.io/managed-by: spark-relay} (then it is not one the launcher made).
   */
  public static Optional<RunState> from(GenericKubernetesResource workflow, Instant now) {
    var metadata = workflow.getMetadata();
    String runId =
        metadata.getLabels() == null ? null : metadata.getLabels().get(RelayLabels.RUN_ID);
    if (runId == null || runId.isBlank() || !Provenance.managedByRelay(workflow)) {
      return Optional.empty();
    }
    Object status = workflow.getAdditionalProperties().get("status");
    String phase = Fields.text(status, "phase");
    String message = Fields.text(status, "message");
    Instant created = Fields.time(metadata.getCreationTimestamp());
    Instant finished = Fields.time(status, "finishedAt");
    WorkflowState state =
        new WorkflowState(
            metadata.getName(),
            metadata.getNamespace(),
            blankToNull(phase),
            blankToNull(message),
            created,
            Fields.time(status, "startedAt"),
            finished);
    RunState run =
        RunState.of(runId)
            .withTrigger(metadata.getLabels().get(RelayLabels.TRIGGER))
            .withWorkflow(state)
            .reached(Stage.WORKFLOW_CREATED, created != null ? created : now);
    if ("Failed".equals(phase) || "Error".equals(phase)) {
      boolean error = "Error".equals(phase);
      run =
          run.withFailure(
              new Failure(
                  error ? FailureKind.WORKFLOW_ERROR : FailureKind.WORKFLOW_FAILED,
                  error ? "WorkflowError" : "WorkflowFailed",
                  message == null || message.isBlank() ? "workflow " + phase : message,
                  Origin.WORKFLOW,
                  "workflow/" + metadata.getNamespace() + "/" + metadata.getName(),
                  true,
                  finished != null ? finished : now));
    }
    return Optional.of(run);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
