package io.sparkrelay.submitter.submission;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.sparkrelay.contract.RelayLabels;
import io.sparkrelay.submitter.kube.ArgoWorkflows;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Holds a request to the Workflow it names, so that a caller cannot speak for a run it is not: the
 * Workflow must exist in {@code relay.workflows.namespace}, carry the request's run id and the
 * Spark Relay manager label, still run, and its parameters must be what the request says. The
 * fields are held as deploy/argo/workflowtemplate.yaml maps them into the body (job -> profile,
 * input and output -> arguments, executors); a parameter the Workflow does not set counts as empty
 * for them. Every label under {@code spark-relay.io/} that is not reserved must be the Workflow's
 * parameter of the same name (the key after the prefix), and that parameter must be set: a label
 * cannot claim a value the Workflow was not given.
 */
@ApplicationScoped
public class WorkflowCheck {

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
    if (!RelayLabels.MANAGED_BY_VALUE.equals(labels.get(RelayLabels.MANAGED_BY))) {
      return refuse(
          "workflow-not-managed",
          where
              + " is not managed by "
              + RelayLabels.MANAGED_BY_VALUE
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

  /**
   * The first parameter the request does not match: the fields in the template's order, then the
   * labels by key.
   */
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
    List<Asked> asked = new ArrayList<>();
    asked.add(new Asked("job", "profile", text(request.profile()), false));
    asked.add(new Asked("input", "arguments[0]", arguments.get(0), false));
    asked.add(new Asked("output", "arguments[1]", arguments.get(1), false));
    asked.add(
        new Asked(
            "executors",
            "executors",
            request.executors() == null ? "" : request.executors().toString(),
            false));
    new TreeMap<>(Objects.requireNonNullElse(request.labels(), Map.<String, String>of()))
        .forEach(
            (key, value) -> {
              // other keys are the request's own error (400), not the Workflow's
              if (key.startsWith(RelayLabels.PREFIX) && !RelayLabels.RESERVED.contains(key)) {
                String parameter = key.substring(RelayLabels.PREFIX.length());
                asked.add(new Asked(parameter, "labels." + key, text(value), true));
              }
            });
    for (Asked one : asked) {
      String value = parameters.get(one.parameter());
      if (value == null && one.mustBeSet()) {
        return Optional.of(
            "the request's "
                + one.field()
                + " names parameter "
                + one.parameter()
                + ", which the Workflow does not set");
      }
      if (!text(value).equals(one.value())) {
        return Optional.of(
            "parameter "
                + one.parameter()
                + " is not "
                + (one.value().isEmpty() ? "empty" : "\"" + one.value() + "\"")
                + " as the request's "
                + one.field()
                + " says");
      }
    }
    return Optional.empty();
  }

  /** What the request's {@code field} says parameter {@code parameter} is. */
  private record Asked(String parameter, String field, String value, boolean mustBeSet) {}

  private static String text(String value) {
    return value == null ? "" : value.strip();
  }

  private static Optional<WorkflowRefusal> refuse(String rule, String message) {
    return Optional.of(new WorkflowRefusal(rule, message));
  }
}
