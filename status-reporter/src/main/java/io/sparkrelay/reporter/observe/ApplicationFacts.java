package io.sparkrelay.reporter.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.reporter.ApplicationState;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.FailureKind;
import io.sparkrelay.reporter.Origin;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a SparkApplication (sparkoperator.k8s.io/v1beta2) tells about its run. The operator's state
 * starts as the empty string; only COMPLETED and FAILED are final. SUBMISSION_FAILED is kept as a
 * reason but does not end the run: the operator retries or moves on to FAILED.
 */
public final class ApplicationFacts {

  private ApplicationFacts() {}

  /**
   * The facts of {@code application}; empty when it carries no run id, or is not labelled {@code
   * app.kubernetes.io/managed-by: spark-relay} (then it is not one the submitter made).
   */
  public static Optional<RunState> from(GenericKubernetesResource application, Instant now) {
    var metadata = application.getMetadata();
    Map<String, String> labels = metadata.getLabels() == null ? Map.of() : metadata.getLabels();
    String runId = labels.get(RelayLabels.RUN_ID);
    if (runId == null || runId.isBlank() || !Provenance.managedByRelay(application)) {
      return Optional.empty();
    }
    Object status = application.getAdditionalProperties().get("status");
    String state = Fields.text(status, "applicationState", "state");
    String error =
        WorkflowFacts.blankToNull(Fields.text(status, "applicationState", "errorMessage"));
    Instant created = Fields.time(metadata.getCreationTimestamp());
    Instant terminated = Fields.time(status, "terminationTime");
    String source = "sparkapplication/" + metadata.getNamespace() + "/" + metadata.getName();

    RunState run =
        RunState.of(runId)
            .withTrigger(labels.get(RelayLabels.TRIGGER))
            .withApplication(
                new ApplicationState(
                    metadata.getName(),
                    metadata.getNamespace(),
                    state == null ? "" : state,
                    error,
                    WorkflowFacts.blankToNull(Fields.text(status, "driverInfo", "podName")),
                    created,
                    terminated))
            .reached(Stage.SPARK_SUBMITTED, created != null ? created : now);
    String workflow = labels.get(RelayLabels.WORKFLOW);
    if (workflow != null && !workflow.isBlank()) {
      run = run.withWorkflow(WorkflowState.named(workflow, null));
    }
    for (Map.Entry<?, ?> executor : Fields.map(status, "executorState").entrySet()) {
      run = run.withExecutor(executor.getKey().toString(), String.valueOf(executor.getValue()));
    }
    Instant end = terminated != null ? terminated : now;
    return Optional.of(
        switch (state == null ? "" : state) {
          case "RUNNING", "SUCCEEDING", "FAILING" -> run.reached(Stage.DRIVER_RUNNING, now);
          case "COMPLETED" -> run.reached(Stage.COMPLETED, end);
          case "FAILED" ->
              run.withFailure(
                  new Failure(
                      FailureKind.APPLICATION_FAILED,
                      "SparkApplicationFailed",
                      error == null ? "SparkApplication FAILED" : error,
                      Origin.APPLICATION,
                      source,
                      true,
                      end));
          case "SUBMISSION_FAILED" ->
              run.withFailure(
                  new Failure(
                      FailureKind.SUBMISSION_FAILED,
                      "SubmissionFailed",
                      error == null ? "spark-submit failed" : error,
                      Origin.APPLICATION,
                      source,
                      false,
                      firstNonNull(Fields.time(status, "lastSubmissionAttemptTime"), now)));
          default -> run;
        });
  }

  private static Instant firstNonNull(Instant a, Instant b) {
    return a != null ? a : b;
  }
}
