package io.sparkrelay.submitter.submission;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.submitter.kubernetes.ArgoWorkflows;
import io.sparkrelay.submitter.kubernetes.RelayLabels;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Holds a request to the Workflow it names, so that a caller cannot speak for a run it is not: the
 * Workflow must exist in {@code relay.workflows.namespace}, carry the request's run id and the
 * Spark Relay manager label, still run, and its parameters must be what the request says, as
 * deploy/argo/workflowtemplate.yaml maps them into the body (job -> profile, input and output ->
 * arguments, executors, scenario -> the {@code spark-relay.io/scenario} label). A parameter the
 * Workflow does not set counts as empty.
 */
@ApplicationScoped
public class WorkflowCheck {

  public static final String SCENARIO_LABEL = RelayLabels.PREFIX + "scenario";
  private static final Set<String> FINISHED = Set.of("Succeeded", "Failed", "Error");

  private final ArgoWorkflows workflows;

  WorkflowCheck(ArgoWorkflows workflows) {
    this.workflows = workflows;
  }

  /** Why {@code request} may not be served for its Workflow, or empty when it may. */
  public Optional<WorkflowRefusal> check(SubmitRequest request) {
    String where = "Workflow " + workflows.namespace() + "/" + request.workflow();
    Optional<GenericKubernetesResource> found = workflows.get(request.workflow());
    if (found.isEmpty()) {
      return refuse("workflow-not-found", "no " + where);
    }
    GenericKubernetesResource workflow = found.get();
    Map<String, String> labels = ArgoWorkflows.labels(workflow);
    if (!request.runId().equals(labels.get(RelayLabels.RUN_ID))) {
      return refuse(
          "workflow-run-id",
          where
              + " is not the Workflow of run "
              + request.runId()
              + " (label "
              + RelayLabels.RUN_ID
              + ")");
    }
    if (!RelayLabels.MANAGER.equals(labels.get(RelayLabels.MANAGED_BY))) {
      return refuse(
          "workflow-not-managed",
          where
              + " is not managed by "
              + RelayLabels.MANAGER
              + " (label "
              + RelayLabels.MANAGED_BY
              + ")");
    }
    String phase = ArgoWorkflows.phase(workflow);
    if (FINISHED.contains(phase)) {
      return refuse("workflow-finished", where + " has finished (phase " + phase + ")");
    }
    return parameterMismatch(ArgoWorkflows.parameters(workflow), request)
        .map(message -> new WorkflowRefusal("workflow-parameters", where + ": " + message));
  }

  /** The first parameter the request does not match, in the template's order. */
  static Optional<String> parameterMismatch(Map<String, String> parameters, SubmitRequest request) {
    List<String> arguments =
        new ArrayList<>(Objects.requireNonNullElse(request.arguments(), List.of()));
    if (arguments.size() > 2) {
      return Optional.of(
          "the request has "
              + arguments.size()
              + " arguments, the template sends 2 (parameters input, output)");
    }
    while (arguments.size() < 2) {
      arguments.add("");
    }
    Map<String, String> scenario = Objects.requireNonNullElse(request.labels(), Map.of());
    Map<String, String> asked = new java.util.LinkedHashMap<>();
    asked.put("job", text(request.profile()));
    asked.put("input", arguments.get(0));
    asked.put("output", arguments.get(1));
    asked.put("executors", request.executors() == null ? "" : request.executors().toString());
    asked.put("scenario", text(scenario.get(SCENARIO_LABEL)));
    for (Map.Entry<String, String> entry : asked.entrySet()) {
      String parameter = entry.getKey();
      if (!text(parameters.get(parameter)).equals(entry.getValue())) {
        return Optional.of(
            "parameter "
                + parameter
                + " is not "
                + (entry.getValue().isEmpty() ? "empty" : "\"" + entry.getValue() + "\"")
                + " as the request's "
                + REQUEST_FIELD.get(parameter)
                + " says");
      }
    }
    return Optional.empty();
  }

  private static final Map<String, String> REQUEST_FIELD =
      Map.of(
          "job", "profile",
          "input", "arguments[0]",
          "output", "arguments[1]",
          "executors", "executors",
          "scenario", "labels." + SCENARIO_LABEL);

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  private static Optional<WorkflowRefusal> refuse(String rule, String message) {
    return Optional.of(new WorkflowRefusal(rule, message));
  }
}
