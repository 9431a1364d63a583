package io.sparkrelay.reporter.observe;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.reporter.Failure;
import io.sparkrelay.reporter.FailureKind;
import io.sparkrelay.reporter.Origin;
import io.sparkrelay.reporter.RunState;
import io.sparkrelay.reporter.Stage;
import io.sparkrelay.reporter.WorkflowNode;
import io.sparkrelay.reporter.WorkflowState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
            finished,
            nodes(status));
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

  /** The Workflow's steps from {@code status.nodes}, at most {@link WorkflowState#MAX_NODES}. */
  private static Map<String, WorkflowNode> nodes(Object status) {
    if (!(status instanceof Map<?, ?> map) || !(map.get("nodes") instanceof Map<?, ?> nodes)) {
      return Map.of();
    }
    Map<String, WorkflowNode> found = new TreeMap<>();
    for (Map.Entry<?, ?> entry : nodes.entrySet()) {
      if (found.size() == WorkflowState.MAX_NODES) {
        break;
      }
      Object node = entry.getValue();
      found.put(
          name(String.valueOf(entry.getKey())),
          new WorkflowNode(
              name(Fields.text(node, "displayName")),
              name(Fields.text(node, "type")),
              name(Fields.text(node, "phase")),
              Fields.time(node, "startedAt"),
              Fields.time(node, "finishedAt")));
    }
    return found;
  }

  /** A node's id, name, type or phase, as long as a Kubernetes name at most. */
  private static String name(String value) {
    String text = blankToNull(value);
    return text == null || text.length() <= 253 ? text : text.substring(0, 253);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
